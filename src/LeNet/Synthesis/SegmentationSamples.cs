using LeNet.Inference;

namespace LeNet.Synthesis;

/// <summary>
/// What the line reader's own over-segmentation shows the network, with the truth attached: short lines are written
/// (neighbours often touching), segmented exactly as <see cref="LineSegmentation"/> segments a photo, and every
/// candidate run of pieces is compared with the characters that were written. A run that is one whole character is
/// that character as the reader sees it (cut out of its neighbour, say); a run that is two characters, or a part of
/// one, is junk — the 1998 paper trained its network on exactly such mis-segmentations, so that the graph search can
/// tell them from characters. A part of a character counts as junk only when a cut made it: a whole blob that is
/// part of a character (the stem of an open 4, a bar of =) looks like a character of its own — the graph search
/// must rely on the rest of the character being junk, not on the part.
/// </summary>
public static class SegmentationSamples
{
    /// <summary>A run holding at least this share of its ink from one character, and this share of that character's ink, is it.</summary>
    private const double Pure = 0.92, Whole = 0.9;
    /// <summary>
    /// A run with less than this share from its main character is junk; so is a cut-out part of one character holding
    /// between <see cref="Fragment"/> and <see cref="Partial"/> of it. Smaller fragments are single strokes and bars,
    /// which look like 1 and −: calling them junk would teach the network to doubt every 1.
    /// </summary>
    private const double Mixed = 0.75, Partial = 0.8, Fragment = 0.3;
    /// <summary>A run holding this share of a second character's ink holds two characters.</summary>
    private const double Second = 0.5;

    /// <summary>Junk and characters from the segmentations of generated lines.</summary>
    /// <param name="Junk">Junk images, 784 bytes each.</param>
    /// <param name="Characters">Whole characters as cut out by the reader, labelled with their class index.</param>
    public sealed record Result(byte[] Junk, GlyphSet Characters);

    /// <summary>
    /// Writes lines of 1–3 characters of <paramref name="classes"/> until <paramref name="junk"/> junk images are
    /// found, half by pen writers and half by fonts; whole characters found on the way are kept too.
    /// </summary>
    public static Result Generate(IReadOnlyList<PenHand> pens, IReadOnlyList<FontHand> fonts, IReadOnlyList<string> classes, int junk, int seed, int threads = 0)
    {
        const int PerLine = 4;
        var lines = (junk + PerLine - 1) / PerLine;
        var found = new (List<byte[]> Junk, List<(byte[] Field, int Label, string Hand, string Variant)> Characters)[lines];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, lines, parallel, i =>
        {
            var random = new Random(StableHash.Of("segmentation", seed, i));
            IHand hand = fonts.Count == 0 || random.NextDouble() < 0.5 ? pens[random.Next(pens.Count)] : fonts[random.Next(fonts.Count)];
            var labels = Enumerable.Range(0, random.Next(1, 4)).Select(_ => classes[random.Next(classes.Count)]).Where(hand.CanWrite).ToList();
            found[i] = labels.Count == 0 ? ([], []) : FromLine(hand, labels, classes, random, PerLine);
        });
        var junkImages = found.SelectMany(f => f.Junk).Take(junk).ToList();
        var characters = found.SelectMany(f => f.Characters).ToList();
        return new Result([.. junkImages.SelectMany(j => j)],
            new GlyphSet([.. characters.SelectMany(c => c.Field)], [.. characters.Select(c => c.Label)], [.. characters.Select(c => c.Hand)], [.. characters.Select(c => c.Variant)]));
    }

    private static (List<byte[]> Junk, List<(byte[] Field, int Label, string Hand, string Variant)> Characters) FromLine(
        IHand hand, List<string> labels, IReadOnlyList<string> classes, Random random, int maxJunk)
    {
        var line = LineComposer.Write(hand, labels, new LineLayout(Noise.Between(random, 28, 90), TouchingChance: 0.6), random);
        var segmentation = LineSegmentation.Of(line.Ink, LineOptions.Default);
        var owners = segmentation.Upright(line.Owners, line.Ink.Width, line.Ink.Height);
        var totals = new int[line.Characters.Count];
        var upright = segmentation.Ink.Ink;
        for (var p = 0; p < owners.Length; p++)
            if (owners[p] >= 0 && upright.Pixels[p] >= 0.5f)
                totals[owners[p]]++;
        var junk = new List<byte[]>();
        var characters = new List<(byte[], int, string, string)>();
        foreach (var (from, to) in segmentation.Runs.OrderBy(_ => random.Next()))
        {
            var counts = new int[line.Characters.Count];
            var inked = 0;
            for (var k = from; k < to; k++)
            {
                foreach (var p in segmentation.Pieces[k].Pixels)
                {
                    if (upright.Pixels[p] < 0.5f)
                        continue;
                    inked++;
                    if (owners[p] >= 0)
                        counts[owners[p]]++;
                }
            }
            if (inked == 0)
                continue;
            var (kind, main) = Judge(counts, totals, inked, () => WholeBlobs(segmentation.Pieces, from, to));
            if (kind == RunKind.Character)
                characters.Add((segmentation.Field(from, to).ToBytes(), IndexOf(classes, line.Characters[main].Label), hand.Name, line.Characters[main].Variant));
            else if (kind == RunKind.Junk && junk.Count < maxJunk)
                junk.Add(segmentation.Field(from, to).ToBytes());
        }
        return (junk, characters);
    }

    /// <summary>What a candidate run is, to the network: a character, junk, or too unclear to teach either.</summary>
    public enum RunKind
    {
        /// <summary>Neither clean enough to be a character nor clearly junk.</summary>
        Unclear,
        /// <summary>One whole character and almost nothing else.</summary>
        Character,
        /// <summary>A mix of characters, or a cut-out part of one.</summary>
        Junk,
    }

    /// <summary>
    /// Judges a run from how much of its inked pixels each written character owns (<paramref name="counts"/>), how many
    /// each character has in all (<paramref name="totals"/>) and the run's inked pixels (<paramref name="inked"/>). A
    /// run holding most of two characters is junk even when one of them is small: a digit with the minus, plus or bar
    /// of = beside it is mostly the digit's ink, yet reading it as the digit drops the operator. Main is the character
    /// owning most of the run's ink (the one a run judged a character is).
    /// </summary>
    public static (RunKind Kind, int Main) Judge(IReadOnlyList<int> counts, IReadOnlyList<int> totals, int inked, Func<bool> wholeBlobs)
    {
        var main = 0;
        for (var c = 1; c < counts.Count; c++)
            if (counts[c] > counts[main])
                main = c;
        double Coverage(int c) => totals[c] == 0 ? 0 : (double)counts[c] / totals[c];
        var (purity, coverage) = ((double)counts[main] / inked, Coverage(main));
        var secondWhole = Enumerable.Range(0, counts.Count).Any(c => c != main && Coverage(c) >= Second);
        if (purity >= Pure && coverage >= Whole && !secondWhole)
            return (RunKind.Character, main);
        if (purity < Mixed || secondWhole || (coverage is >= Fragment and < Partial && !wholeBlobs()))
            return (RunKind.Junk, main);
        return (RunKind.Unclear, main);
    }

    /// <summary>Whether every blob the run touches lies entirely inside it (no cut separates it from the rest).</summary>
    private static bool WholeBlobs(IReadOnlyList<InkPiece> pieces, int from, int to)
    {
        var blobs = Enumerable.Range(from, to - from).Select(k => pieces[k].Blob).ToHashSet();
        return Enumerable.Range(0, pieces.Count).All(k => (k >= from && k < to) || !blobs.Contains(pieces[k].Blob));
    }

    private static int IndexOf(IReadOnlyList<string> classes, string label)
    {
        for (var i = 0; i < classes.Count; i++)
            if (classes[i] == label)
                return i;
        throw new ArgumentException($"'{label}' is not among the classes", nameof(label));
    }
}
