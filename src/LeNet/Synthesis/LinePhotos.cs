namespace LeNet.Synthesis;

/// <summary>What kind of line to write.</summary>
public enum LineKind
{
    /// <summary>2–8 digits: a number, a code, a meter reading.</summary>
    Digits,

    /// <summary>A sum of 2–6 numbers with + − × ÷ /, sometimes brackets, and = at the end or with the result.</summary>
    Arithmetic,
}

/// <summary>One generated photo of a line, with the truth about it.</summary>
/// <param name="Photo">JPEG bytes.</param>
/// <param name="Text">The symbols written, e.g. <c>(7×1)−(4−1)+5=</c>.</param>
/// <param name="Hand">Who wrote it.</param>
/// <param name="HasTouching">Whether two neighbours touch somewhere in it.</param>
/// <param name="HasDots">Whether its × are written as dots (<c>3·4</c>).</param>
public sealed record LinePhoto(byte[] Photo, string Text, string Hand, bool HasTouching, bool HasDots);

/// <summary>
/// Photos of whole lines written by the hands of one split: each line in one writer's (or font's) hand, sloping a
/// little, neighbours touching now and then, pen strokes broken as the writer's pen skips.
/// </summary>
public static class LinePhotos
{
    /// <summary>Chance that two neighbouring digits of a line touch.</summary>
    public const double TouchingChance = 0.06;

    /// <summary>Chance that the writer of a sum holding a × writes it as a dot, as much of Europe learns to.</summary>
    public const double DotChance = 0.25;

    /// <summary>
    /// <paramref name="count"/> line photos of <paramref name="kind"/>, every other one by a pen writer and the rest by
    /// the fonts in turn (all by pen writers when there are no fonts).
    /// </summary>
    public static IReadOnlyList<LinePhoto> Create(IReadOnlyList<PenHand> pens, IReadOnlyList<FontHand> fonts, LineKind kind, int count, int seed, int threads = 0,
        string? text = null, Paper paper = Paper.Plain) =>
        Create(Alternating(pens, fonts), kind, count, seed, threads, text, paper);

    /// <summary>Photo <c>i</c>'s hand: every other one a pen writer, the rest the fonts in turn (all pen writers when there are no fonts).</summary>
    public static Func<int, IHand> Alternating(IReadOnlyList<PenHand> pens, IReadOnlyList<FontHand> fonts) =>
        i => fonts.Count == 0 || i % 2 == 0 ? pens[i / 2 % pens.Count] : fonts[i / 2 % fonts.Count];

    /// <summary>
    /// <paramref name="count"/> line photos of <paramref name="kind"/> (or all of <paramref name="text"/>, when given),
    /// line <c>i</c> written by <paramref name="hands"/>(i) on <paramref name="paper"/>. Each line is written the same
    /// on any paper: the rules are drawn from a stream of their own.
    /// </summary>
    public static IReadOnlyList<LinePhoto> Create(Func<int, IHand> hands, LineKind kind, int count, int seed, int threads = 0, string? text = null,
        Paper paper = Paper.Plain)
    {
        var photos = new LinePhoto[count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, count, parallel, i =>
        {
            var random = new Random(StableHash.Of($"line/{kind}", seed, i));
            var hand = hands(i);
            var written = text ?? LineTexts.Of(kind, hand, random);
            var layout = new LineLayout(Height: Math.Exp(Noise.Between(random, Math.Log(30), Math.Log(90))), TouchingChance, DotChance: DotChance);
            var line = LineComposer.Write(hand, [.. written.Select(c => c.ToString())], layout, random);
            var ruling = Ruling.On(paper, layout.Height, Baseline(line), new Random(StableHash.Of($"ruling/{kind}", seed, i)));
            photos[i] = new LinePhoto(PaperPhoto.Take(line.Ink, random, maxRotation: 4, ruling), line.Text, hand is PenHand ? HandwritingPhotos.PenWriters : hand.Name, line.Touching.Count > 0,
                line.DotsForTimes);
        });
        return photos;
    }

    /// <summary>Where a line's characters stand: the middle of their bottoms (a line wanders and slopes a little).</summary>
    internal static double Baseline(WrittenLine line)
    {
        var bottoms = line.Characters.Select(c => c.Box.Bottom).Order().ToList();
        return bottoms.Count == 0 ? line.Ink.Height : bottoms[bottoms.Count / 2];
    }
}
