using LeNet.Inference;
using LeNet.Synthesis;

namespace LeNet.Analysis;

/// <summary>One way of writing a look-alike: how many of its photos were read as each column.</summary>
/// <param name="Written">The class written, or <see cref="LookAlikeTable.TimesAsX"/>.</param>
/// <param name="Class">The class the photos are: <paramref name="Written"/>, or × for an x.</param>
/// <param name="Read">Counts in the order of <see cref="LookAlikeTable.Columns"/>; every photo is in one of them.</param>
public sealed record LookAlikeRow(string Written, string Class, IReadOnlyList<int> Read)
{
    /// <summary>How many photos were written this way.</summary>
    public int Count => Read.Sum();

    /// <summary>How many were read as <see cref="Class"/>.</summary>
    public int Right => Read[LookAlikeTable.ColumnNames.IndexOf(Class)];

    /// <summary>Fraction of the photos read as <see cref="Class"/>.</summary>
    public double Accuracy => Count == 0 ? 0 : Right / (double)Count;
}

/// <summary>
/// How the characters of a sum that are most often taken for one another were read: for each of − 1 7 / ÷ + ×, and
/// × written as an x (a pen writer's cursive x, a font's letter x), how many photos were read as each of them and as
/// anything else. A stroke is a − or a 1 or a / by its direction alone, a 7 is a 1 with a bar, a ÷ a + whose arms are
/// dots, and an x a × as letters write it.
/// </summary>
public sealed record LookAlikeTable(IReadOnlyList<LookAlikeRow> Rows)
{
    /// <summary>The row of the × written as an x.</summary>
    public const string TimesAsX = "× as x";

    /// <summary>The column of readings outside the look-alikes.</summary>
    public const string Other = "other";

    private static readonly string[] Classes = [Symbols.Minus, "1", "7", Symbols.Slash, Symbols.Divide, Symbols.Plus, Symbols.Times];

    internal static List<string> ColumnNames { get; } = [.. Classes, Other];

    /// <summary>The readings counted: the look-alikes, then <see cref="Other"/>.</summary>
    public IReadOnlyList<string> Columns => ColumnNames;

    /// <summary>The table for <paramref name="outcomes"/>; null when no operator among the look-alikes was written.</summary>
    public static LookAlikeTable? Of(IReadOnlyList<(CharacterPhoto Photo, DigitPrediction Prediction)> outcomes)
    {
        if (!outcomes.Any(o => Classes.Contains(o.Photo.Label) && !Symbols.IsDigit(o.Photo.Label)))
            return null;
        var written = outcomes.Where(o => Classes.Contains(o.Photo.Label)).ToLookup(o => Written(o.Photo));
        var rows = Classes.Append(TimesAsX).Where(w => written[w].Any()).Select(w =>
        {
            var read = new int[ColumnNames.Count];
            foreach (var (_, prediction) in written[w])
            {
                var column = Array.IndexOf(Classes, prediction.Label);
                read[column < 0 ? Classes.Length : column]++;
            }
            return new LookAlikeRow(w, w == TimesAsX ? Symbols.Times : w, read);
        }).ToList();
        return new LookAlikeTable(rows);
    }

    /// <summary>The row <paramref name="photo"/> belongs to: its class, or <see cref="TimesAsX"/>.</summary>
    private static string Written(CharacterPhoto photo) =>
        photo.Label == Symbols.Times && (photo.Variant.EndsWith("cursive-x", StringComparison.Ordinal) || photo.Variant.EndsWith("'x'", StringComparison.Ordinal))
            ? TimesAsX
            : photo.Label;
}
