namespace LeNet.Synthesis;

/// <summary>The paper a line or a page is written on.</summary>
public enum Paper
{
    /// <summary>Blank paper.</summary>
    Plain,

    /// <summary>Ruled paper, as in an exercise book: printed rules, lighter than the ink, across the whole photo.</summary>
    Ruled,

    /// <summary>Squared paper, as in a school's arithmetic book: rules across and down, the squares about a character high.</summary>
    Squared,
}

/// <summary>
/// The printed rules of ruled paper, in the coordinates of the ink written on it (they turn with the writing when
/// the photo is turned): a rule every <paramref name="Spacing"/> pixels, one of them at <paramref name="Phase"/>,
/// <paramref name="Thickness"/> pixels thick, darkening the paper by <paramref name="Darkness"/> of the way to the ink.
/// <paramref name="Followed"/>: whether the writer stands the characters on the rules. On squared paper rules also run
/// down the page, as far apart, one of them at <paramref name="Across"/>.
/// </summary>
public sealed record Ruling(double Spacing, double Phase, double Thickness, double Darkness, bool Followed, double? Across = null)
{
    /// <summary>Share of writers who write on the rules; the rest write across them (a hand too large for the ruling, a page turned sideways).</summary>
    private const double OnTheRules = 0.7;

    /// <summary>
    /// The ruling under a line whose characters are <paramref name="height"/> pixels high and stand on
    /// <paramref name="baseline"/>: rules 1.15–1.9 character heights apart (an exercise book's 7–9 mm under a hand of
    /// 4–6 mm), 1–3 pixels thick, a sixth to a half as dark as the ink (light blue or grey print photographed in grey,
    /// up to a worksheet's black); most writers stand their characters on a rule, a little above or below it.
    /// </summary>
    public static Ruling Under(double height, double baseline, Random random) => Lined(height * Noise.Between(random, 1.15, 1.9), height, baseline, random);

    /// <summary>
    /// The rules of <paramref name="paper"/> under a line as in <see cref="Under"/>; none on plain paper. Squared paper's
    /// squares are 0.95–1.6 character heights (5 mm squares under a hand of 3–5 mm); where its rules down the page fall
    /// is the writer's chance, as it is for most people, who write across them.
    /// </summary>
    public static Ruling? On(Paper paper, double height, double baseline, Random random) => paper switch
    {
        Paper.Ruled => Under(height, baseline, random),
        Paper.Squared => Squared(height, baseline, random),
        _ => null,
    };

    private static Ruling Squared(double height, double baseline, Random random)
    {
        var lined = Lined(height * Noise.Between(random, 0.95, 1.6), height, baseline, random);
        return lined with { Across = random.NextDouble() * lined.Spacing };
    }

    private static Ruling Lined(double spacing, double height, double baseline, Random random)
    {
        var followed = random.NextDouble() < OnTheRules;
        var phase = followed ? baseline + Standing(height, random) : random.NextDouble() * spacing;
        return new Ruling(spacing, phase, Noise.Between(random, 1, 3), Noise.Between(random, 0.15, 0.5), followed);
    }

    /// <summary>How far below a writer's baseline the rule runs: a little above it (characters crossing it) to a little below.</summary>
    private static double Standing(double height, Random random) => height * Noise.Between(random, -0.05, 0.12);

    /// <summary>
    /// Where a line whose baseline would be at <paramref name="baseline"/> stands when its writer follows the rules:
    /// on the next rule down, a little above or below it; where it would be otherwise.
    /// </summary>
    public double Snap(double baseline, double height, Random random) =>
        Followed ? Phase + Math.Ceiling((baseline - Phase) / Spacing) * Spacing - Standing(height, random) : baseline;

    /// <summary>How much of the pixel at (<paramref name="x"/>, <paramref name="y"/>) (ink coordinates) a rule covers, in [0, 1].</summary>
    public double Cover(double x, double y) => Math.Max(Covered(y, Phase), Across is { } across ? Covered(x, across) : 0);

    /// <summary>How much of the pixel at <paramref name="at"/> the rule through <paramref name="phase"/> and its repeats cover.</summary>
    private double Covered(double at, double phase)
    {
        var offset = (at - phase) % Spacing;
        var distance = Math.Abs(offset < 0 ? offset + Spacing : offset);
        distance = Math.Min(distance, Spacing - distance);
        return Math.Clamp(Thickness / 2 + 0.5 - distance, 0, 1);
    }
}
