namespace LeNet;

/// <summary>
/// A problem the user can fix (a bad file, a missing dataset, an invalid option). Its message is complete and
/// meant to be shown as it is, without a stack trace.
/// </summary>
public class LeNetException : Exception
{
    /// <summary>Creates the exception with a message that names the file or field and the problem.</summary>
    public LeNetException(string message) : base(message) { }

    /// <summary>Creates the exception, keeping the low-level cause for logs.</summary>
    public LeNetException(string message, Exception inner) : base(message, inner) { }
}
