namespace LeNet.Analysis;

/// <summary>
/// How far a line's unsure flags can be trusted: a reader that flags the symbols it may have got wrong lets its user check
/// those, and only the lines read wrong with nothing flagged pass unnoticed.
/// </summary>
/// <param name="WrongFlagged">Of the lines read wrong, the fraction with at least one symbol flagged unsure.</param>
/// <param name="SilentlyWrong">Of all lines, the fraction read wrong with no symbol flagged.</param>
/// <param name="RightFlagged">Of the lines read right, the fraction that flag a symbol all the same.</param>
public sealed record UnsureFlags(double WrongFlagged, double SilentlyWrong, double RightFlagged);
