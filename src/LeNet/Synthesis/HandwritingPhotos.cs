namespace LeNet.Synthesis;

/// <summary>One generated photo of a single character, with the truth about it.</summary>
/// <param name="Photo">JPEG bytes, as a phone or scanner would give them.</param>
/// <param name="Label">The character's class.</param>
/// <param name="Hand">Who wrote it: a font family, or <c>pen writers</c>.</param>
/// <param name="Variant">How it was written (e.g. <c>7 crossed</c>).</param>
public sealed record CharacterPhoto(byte[] Photo, string Label, string Hand, string Variant);

/// <summary>
/// Photos of single characters written by the hands of one split: every class, several times per font and once per
/// pen writer. The held-out test split is what the project's accuracy figures for unseen writers are measured on.
/// </summary>
public static class HandwritingPhotos
{
    /// <summary>Name under which all pen writers of a split are reported together.</summary>
    public const string PenWriters = "pen writers";

    /// <summary>
    /// For each of <paramref name="classes"/>: <paramref name="perFont"/> photos per font that can write it, and one
    /// per pen writer; digit heights 26–110 px, photographed on paper.
    /// </summary>
    public static IReadOnlyList<CharacterPhoto> Create(IReadOnlyList<PenHand> pens, IReadOnlyList<FontHand> fonts,
        IReadOnlyList<string> classes, int perFont, int seed, int threads = 0)
    {
        var jobs = new List<(IHand Hand, string Label)>();
        foreach (var label in classes)
        {
            foreach (var font in fonts.Where(f => f.CanWrite(label)))
                jobs.AddRange(Enumerable.Repeat(((IHand)font, label), perFont));
            jobs.AddRange(pens.Select(p => ((IHand)p, label)));
        }
        var photos = new CharacterPhoto[jobs.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, jobs.Count, parallel, i =>
        {
            var (hand, label) = jobs[i];
            var random = new Random(StableHash.Of("photo", seed, i));
            var height = Math.Exp(Noise.Between(random, Math.Log(26), Math.Log(110)));
            var glyph = hand.Write(label, height, random);
            photos[i] = new CharacterPhoto(PaperPhoto.Take(glyph.Ink, random), label, hand is PenHand ? PenWriters : hand.Name, glyph.Variant);
        });
        return photos;
    }
}
