using LeNet.Inference;

namespace LeNet.Synthesis;

/// <summary>
/// One way people write a character: the pen's path as SVG path data in a cell where a digit spans y = 0 (top) to
/// y = 100 (baseline), each sub-path (<c>M …</c>) a separate stroke, plus dots (÷, :) as centres.
/// </summary>
/// <param name="Label">The class it is read as (see <see cref="Symbols"/>).</param>
/// <param name="Name">The variant's name, e.g. <c>1 flag-foot</c>.</param>
/// <param name="Path">The strokes; operators sit around the cell's middle line y = 50.</param>
/// <param name="Dots">Dot centres, drawn as filled discs.</param>
public sealed record GlyphSkeleton(string Label, string Name, string Path, IReadOnlyList<(float X, float Y)> Dots)
{
    /// <summary>Whether this is an operator or bracket (drawn at the writer's operator size) rather than a digit.</summary>
    public bool IsOperator => !Symbols.IsDigit(Label);
}

/// <summary>
/// The variants of every digit and symbol people actually write, as pen trajectories: the European 1 with its
/// upstroke flag (and foot), 7 with a crossbar, open and closed 4, 9 with straight or curved tail, 2 with a loop,
/// slashed 0, 6 and 8 in one or two strokes, × as a cross or a cursive x or an asterisk (and, in lines only, as a
/// dot: <see cref="Symbols.MultiplicationDot"/>), ÷ as bar and dots or as a colon. Writers (<see cref="WriterStyle"/>)
/// deform them; nothing here is random.
/// </summary>
public static class GlyphSkeletons
{
    private static readonly IReadOnlyList<(float, float)> NoDots = [];

    private static GlyphSkeleton G(string label, string name, string path, params (float, float)[] dots) =>
        new(label, $"{label} {name}", path, dots.Length == 0 ? NoDots : dots);

    /// <summary>Every variant, grouped by class in <see cref="Symbols.Math"/> order (the multiplication dot after ×).</summary>
    public static IReadOnlyList<GlyphSkeleton> All { get; } =
    [
        G("0", "oval", "M 32 3 C 12 2 2 28 2 52 C 2 80 16 100 32 100 C 50 100 60 78 60 50 C 60 22 48 0 28 6"),
        G("0", "narrow", "M 26 2 C 10 4 6 30 6 52 C 6 80 14 100 26 100 C 40 100 46 78 46 50 C 46 22 40 0 22 6"),
        G("0", "slashed", "M 32 3 C 12 2 2 28 2 52 C 2 80 16 100 32 100 C 50 100 60 78 60 50 C 60 22 48 0 28 6 M 56 8 L 6 94"),
        G("0", "looped", "M 36 0 C 14 0 2 28 2 52 C 2 82 16 100 32 100 C 50 100 60 76 60 50 C 60 20 40 -4 22 12"),

        G("1", "stroke", "M 32 0 L 30 100"),
        G("1", "flag", "M 14 26 L 34 0 L 30 100"),
        G("1", "flag-foot", "M 14 26 L 34 0 L 30 100 M 10 100 L 52 100"),
        G("1", "long-flag", "M 2 44 L 36 0 L 32 100"),
        G("1", "curved-flag", "M 10 30 C 20 22 28 12 34 0 L 30 100"),

        G("2", "plain", "M 6 24 C 8 6 22 0 32 0 C 48 0 58 12 56 28 C 54 46 30 70 4 100 L 62 98"),
        G("2", "loop", "M 6 24 C 8 6 22 0 32 0 C 48 0 58 12 56 28 C 54 46 28 72 12 90 C 4 98 8 104 16 98 C 26 92 42 100 62 98"),
        G("2", "angular", "M 6 20 C 14 2 50 -2 54 20 L 4 100 L 62 98"),

        G("3", "round", "M 6 14 C 16 0 50 -4 54 18 C 57 36 40 46 24 47 C 46 48 62 62 60 78 C 58 100 24 106 4 88"),
        G("3", "flat-top", "M 6 2 L 56 2 L 26 42 C 50 38 64 58 60 78 C 56 102 20 104 4 88"),
        G("3", "pointed", "M 8 10 C 22 -4 56 -2 54 20 C 52 34 40 42 22 46 C 48 46 62 64 58 80 C 52 102 18 102 4 86"),

        G("4", "closed", "M 40 0 L 2 66 L 62 66 M 46 22 L 46 100"),
        G("4", "closed-one-stroke", "M 44 100 L 44 0 L 0 68 L 62 68"),
        G("4", "open", "M 12 0 L 4 60 L 60 60 M 46 16 L 46 100"),
        G("4", "open-tall", "M 10 2 L 6 58 L 62 58 M 48 0 L 48 100"),

        G("5", "one-stroke", "M 54 2 L 14 2 L 10 44 C 26 32 56 36 58 64 C 60 92 34 104 4 90"),
        G("5", "bar-last", "M 14 2 L 10 44 C 26 32 56 36 58 64 C 60 92 34 104 4 90 M 14 2 L 56 0"),
        G("5", "round-belly", "M 52 0 L 16 2 L 12 40 C 30 34 60 44 58 70 C 56 96 28 104 6 92"),

        G("6", "curl", "M 50 2 C 26 8 4 38 4 68 C 4 92 20 100 32 100 C 50 100 60 88 58 70 C 56 54 42 46 30 48 C 16 50 6 60 5 70"),
        G("6", "straight", "M 46 0 L 10 50 C 2 66 4 96 30 100 C 50 102 60 86 58 70 C 56 54 40 46 26 50 C 16 53 8 60 6 68"),
        G("6", "two-strokes", "M 48 0 C 24 10 6 40 6 66 M 6 70 C 6 92 20 100 32 100 C 50 100 60 88 58 70 C 56 52 40 46 28 48 C 16 50 8 58 6 66"),

        G("7", "plain", "M 2 4 L 60 2 L 22 100"),
        G("7", "crossed", "M 2 4 L 60 2 L 22 100 M 18 52 L 56 50"),
        G("7", "hooked", "M 2 18 L 4 4 L 60 2 L 24 100"),
        G("7", "curved", "M 2 4 L 60 2 C 40 30 28 60 24 100"),

        G("8", "one-stroke", "M 50 12 C 44 -2 10 0 10 20 C 10 40 56 50 56 76 C 56 100 6 102 6 76 C 6 52 52 42 52 22 C 52 14 50 10 46 6"),
        G("8", "two-loops", "M 30 0 C 12 0 10 14 10 22 C 10 34 20 44 30 44 C 42 44 52 34 52 22 C 52 10 44 0 30 0 M 30 44 C 12 44 4 58 4 72 C 4 90 16 100 30 100 C 46 100 58 88 58 72 C 58 56 46 44 30 44"),
        G("8", "snowman", "M 30 2 C 16 2 14 12 14 22 C 14 34 22 42 30 42 C 40 42 46 34 46 22 C 46 10 40 2 30 2 M 30 42 C 10 42 2 58 2 72 C 2 92 16 100 30 100 C 46 100 60 92 60 72 C 60 56 48 42 30 42"),

        G("9", "straight", "M 54 22 C 50 4 36 0 28 0 C 12 0 4 12 4 26 C 4 42 18 50 30 50 C 44 50 54 38 54 22 L 52 100"),
        G("9", "curved", "M 54 22 C 50 4 36 0 28 0 C 12 0 4 12 4 26 C 4 42 18 50 30 50 C 44 50 54 38 54 22 C 56 50 54 80 40 96 C 30 104 16 100 10 94"),
        G("9", "slanted", "M 56 20 C 52 2 36 0 28 0 C 12 0 4 12 4 26 C 4 42 18 50 30 50 C 44 50 56 38 56 20 L 36 100"),

        G(Symbols.Plus, "cross", "M 30 22 L 30 78 M 4 50 L 56 50"),
        G(Symbols.Plus, "loose", "M 32 30 L 30 80 M 4 44 L 58 46"),
        G(Symbols.Minus, "bar", "M 4 50 L 56 50"),
        G(Symbols.Times, "cross", "M 8 26 L 52 74 M 52 26 L 8 74"),
        G(Symbols.Times, "cursive-x", "M 6 30 C 16 26 24 34 30 50 C 36 66 44 76 56 72 M 54 30 C 44 30 36 40 30 50 C 24 60 16 72 6 70"),
        G(Symbols.Times, "asterisk", "M 30 26 L 30 74 M 10 38 L 50 62 M 50 38 L 10 62"),
        G(Symbols.MultiplicationDot, "dot", "", (30, 50)),
        G(Symbols.Divide, "obelus", "M 4 50 L 56 50", (30, 30), (30, 70)),
        G(Symbols.Divide, "colon", "", (30, 36), (30, 64)),
        G(Symbols.Slash, "slash", "M 62 0 L 2 100"),
        G(Symbols.EqualsSign, "bars", "M 4 40 L 56 40 M 4 60 L 56 60"),
        G(Symbols.Open, "curve", "M 40 -8 C 2 16 2 84 40 108"),
        G(Symbols.Close, "curve", "M 4 -8 C 42 16 42 84 4 108"),
    ];

    /// <summary>The variants of <paramref name="label"/>.</summary>
    public static IReadOnlyList<GlyphSkeleton> Of(string label) => ByLabel.TryGetValue(label, out var variants)
        ? variants
        : throw new ArgumentException($"no skeleton for '{label}'", nameof(label));

    private static readonly Dictionary<string, GlyphSkeleton[]> ByLabel =
        All.GroupBy(g => g.Label).ToDictionary(g => g.Key, g => g.ToArray());
}
