namespace LeNet.Data;

/// <summary>A dataset file is missing, corrupt or not what it claims to be.</summary>
public sealed class DataFileException : LeNetException
{
    /// <summary>Creates the error for <paramref name="path"/>.</summary>
    public DataFileException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner ?? new InvalidDataException(problem))
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file at fault.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
