using LeNet.Inference;

namespace LeNet.Synthesis;

/// <summary>How many characters to generate and how.</summary>
/// <param name="PerClass">Samples per class.</param>
/// <param name="PhotoChance">Share photographed on paper (then decoded from JPEG) rather than taken as clean ink.</param>
/// <param name="PenShare">Share written by pen writers rather than fonts (where both can write the class).</param>
/// <param name="MinHeight">Smallest digit height in pixels.</param>
/// <param name="MaxHeight">Largest digit height in pixels.</param>
public sealed record GlyphSampling(int PerClass, double PhotoChance = 0.25, double PenShare = 0.5, double MinHeight = 26, double MaxHeight = 110);

/// <summary>
/// Generates characters in network form: each written by a hand of the given styles at a random size, photographed
/// on paper or not, then put through <see cref="MnistFormatter.Prepare"/> like any input. Sample <c>i</c> depends only
/// on the seed and <c>i</c>, so the set is the same whatever the thread count.
/// </summary>
public static class GlyphSampler
{
    private const int FieldPixels = MnistFormatter.FieldSize * MnistFormatter.FieldSize;

    /// <summary>
    /// <paramref name="sampling"/>.PerClass samples of every class in <paramref name="classes"/> (labels are indices
    /// into it) from <paramref name="pens"/> and <paramref name="fonts"/>.
    /// </summary>
    public static GlyphSet Generate(IReadOnlyList<IHand> pens, IReadOnlyList<IHand> fonts, IReadOnlyList<string> classes,
        GlyphSampling sampling, int seed, int threads = 0)
    {
        var count = classes.Count * sampling.PerClass;
        var pixels = new byte[count * FieldPixels];
        var labels = new int[count];
        var hands = new string[count];
        var variants = new string[count];
        var writers = classes.Select(c => (Pens: pens.Where(h => h.CanWrite(c)).ToArray(), Fonts: fonts.Where(h => h.CanWrite(c)).ToArray())).ToArray();
        for (var c = 0; c < classes.Count; c++)
        {
            if (writers[c].Pens.Length + writers[c].Fonts.Length == 0)
                throw new LeNetException($"no hand among {pens.Count} writers and {fonts.Count} fonts can write '{classes[c]}'");
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, count, parallel, i =>
        {
            var label = i / sampling.PerClass;
            var random = new Random(StableHash.Of("glyph", seed, i));
            var (field, hand, variant) = Sample(classes[label], writers[label].Pens, writers[label].Fonts, sampling, random);
            field.CopyTo(pixels, i * FieldPixels);
            (labels[i], hands[i], variants[i]) = (label, hand, variant);
        });
        return new GlyphSet(pixels, labels, hands, variants);
    }

    /// <summary>One sample of <paramref name="label"/>; retried in the rare case preprocessing finds no ink.</summary>
    private static (byte[] Field, string Hand, string Variant) Sample(string label, IHand[] pens, IHand[] fonts, GlyphSampling sampling, Random random)
    {
        for (var attempt = 0; ; attempt++)
        {
            var group = fonts.Length == 0 || (pens.Length > 0 && random.NextDouble() < sampling.PenShare) ? pens : fonts;
            var hand = group[random.Next(group.Length)];
            var height = Math.Exp(Noise.Between(random, Math.Log(sampling.MinHeight), Math.Log(sampling.MaxHeight)));
            var glyph = hand.Write(label, height, random);
            var image = random.NextDouble() < sampling.PhotoChance
                ? ImageDecoder.Decode(PaperPhoto.Take(glyph.Ink, random), "generated photo")
                : glyph.Ink;
            var (_, field) = MnistFormatter.Prepare(image);
            if (field is not null || attempt >= 5)
                return (field?.ToBytes() ?? new byte[FieldPixels], hand.Name, glyph.Variant);
        }
    }
}
