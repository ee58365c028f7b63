namespace LeNet.Synthesis;

/// <summary>
/// One imagined writer's hand: how they slant, stretch and deform every character, their pen, and which variant of
/// each character they write. Every length is in cell units (a digit is 100 tall). A writer is consistent across the
/// characters they write; the same seed is always the same writer.
/// </summary>
/// <param name="Seed">Seeds the writer's own deformation of each skeleton.</param>
/// <param name="Slant">Horizontal shear: x moves by <c>Slant × (100 − y)</c>; positive leans right.</param>
/// <param name="Aspect">Width multiplier.</param>
/// <param name="PenWidth">Stroke width as a fraction of a digit's height: 0.025 is a fine pen, 0.14 a marker.</param>
/// <param name="Deformation">Amplitude of the writer's smooth, consistent distortion of every skeleton.</param>
/// <param name="Wobble">Amplitude of the distortion that differs each time they write a character.</param>
/// <param name="Tremor">Amplitude of the fast shake of the pen along a stroke.</param>
/// <param name="Taper">How much thinner strokes get where they start and end (pen pressure), 0–0.6.</param>
/// <param name="BreakChance">Chance that a character has a stroke broken by a small gap (a skipping pen).</param>
/// <param name="OperatorScale">Size of operators relative to the skeletons' size.</param>
/// <param name="Spacing">Gap between characters.</param>
/// <param name="Drift">Random vertical offset of each character from the line.</param>
/// <param name="SizeJitter">Random relative change of each character's size.</param>
/// <param name="Loyalty">Chance that the writer uses their own variant of a character rather than another one.</param>
public sealed record WriterStyle(
    int Seed,
    double Slant,
    double Aspect,
    double PenWidth,
    double Deformation,
    double Wobble,
    double Tremor,
    double Taper,
    double BreakChance,
    double OperatorScale,
    double Spacing,
    double Drift,
    double SizeJitter,
    double Loyalty)
{
    /// <summary>A writer drawn from the population of writers: every parameter from its plausible range.</summary>
    public static WriterStyle Sample(int seed)
    {
        var random = new Random(seed);
        double Between(double low, double high) => low + random.NextDouble() * (high - low);
        // Log-uniform: fine pens and markers are both common.
        var penWidth = Math.Exp(Between(Math.Log(0.025), Math.Log(0.14)));
        return new WriterStyle(
            Seed: seed,
            Slant: Between(-0.18, 0.38),
            Aspect: Between(0.7, 1.3),
            PenWidth: penWidth,
            Deformation: Between(1.5, 9),
            Wobble: Between(0.5, 4),
            Tremor: random.NextDouble() < 0.3 ? Between(0.2, 0.9) : 0,
            Taper: Between(0, 0.6),
            BreakChance: random.NextDouble() < 0.35 ? Between(0.05, 0.3) : 0,
            // Nobody writes a tiny ÷ with a marker: thick pens write operators larger.
            OperatorScale: Between(Math.Min(1, 0.55 + 2.5 * (penWidth - 0.025)), 1.1),
            Spacing: Between(4, 34),
            Drift: Between(0, 7),
            SizeJitter: Between(0, 0.12),
            Loyalty: Between(0.75, 1));
    }

    /// <summary>This writer's usual variant of <paramref name="label"/> (one of <see cref="GlyphSkeletons.Of"/>).</summary>
    public int PreferredVariant(string label, int variants) => StableHash.Of(label, Seed) % variants;
}
