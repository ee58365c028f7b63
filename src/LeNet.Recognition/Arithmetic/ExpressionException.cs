namespace LeNet.Arithmetic;

/// <summary>An expression that cannot be computed: incomplete, unbalanced, or dividing by zero.</summary>
public sealed class ExpressionException(string message, int position) : LeNetException(message)
{
    /// <summary>The index of the symbol at fault (the length, when something is missing at the end).</summary>
    public int Position { get; } = position;
}
