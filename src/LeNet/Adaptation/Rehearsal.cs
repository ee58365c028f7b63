using LeNet.Data;
using LeNet.Synthesis;

namespace LeNet.Adaptation;

/// <summary>
/// What a fine-tuning rehearses so the network keeps what it knew: examples of the data it was trained on, mixed into
/// every batch beside the writer's own.
/// </summary>
/// <param name="Name">How reports and the model file name it: <c>MNIST</c> or <c>generated</c>.</param>
public sealed record Rehearsal(string Name, Examples Examples)
{
    /// <summary>Examples rehearsed by default: enough variety for a few hundred steps.</summary>
    public const int DefaultCount = 10_000;

    /// <summary><paramref name="count"/> examples drawn (seeded) from a dataset's training images, e.g. MNIST's.</summary>
    public static Rehearsal From(ImageDataset dataset, string name, int count = DefaultCount, long seed = 1)
    {
        count = Math.Min(count, dataset.Count);
        var random = new Random((int)seed);
        var chosen = Enumerable.Range(0, dataset.Count).OrderBy(_ => random.Next()).Take(count).Order().ToArray();
        using var indices = TorchSharp.torch.tensor(chosen.Select(i => (long)i).ToArray());
        using var selected = dataset.Select(indices);
        var pixels = selected.Images.contiguous().data<byte>().ToArray();
        var labels = selected.Labels.data<long>().ToArray().Select(l => dataset.ClassNames[(int)l]).ToList();
        return new Rehearsal(name, new Examples(pixels, labels));
    }

    /// <summary>
    /// Characters of <paramref name="classes"/> written by the generator's training pen writers (no file needed):
    /// for a library or server without the original dataset at hand.
    /// </summary>
    public static Rehearsal Generated(IReadOnlyList<string> classes, int perClass = 300, long seed = 1, int threads = 0)
    {
        var pens = Writers.Hands(StyleSplit.Train, 200);
        var writable = classes.Where(c => pens.Any(p => p.CanWrite(c))).ToList();
        var set = GlyphSampler.Generate(pens, [], writable, new GlyphSampling(perClass, PenShare: 1), StableHash.Of("rehearsal", (int)seed), threads);
        return new Rehearsal("generated", new Examples(set.Pixels, [.. set.Labels.Select(l => writable[l])]));
    }
}
