using LeNet.Inference;

namespace LeNet.Adaptation;

/// <summary>
/// Labelled characters in network form (28 × 28 fields, as <c>predict</c> prepares them), labels by class name: a
/// writer's examples, or data rehearsed while tuning.
/// </summary>
/// <param name="Pixels">784 bytes per example.</param>
/// <param name="Labels">Each example's class, by name.</param>
public sealed record Examples(byte[] Pixels, IReadOnlyList<string> Labels)
{
    /// <summary>Bytes per example.</summary>
    public const int FieldBytes = MnistFormatter.FieldSize * MnistFormatter.FieldSize;

    /// <summary>Number of examples.</summary>
    public int Count => Labels.Count;

    /// <summary>Images of any size, each prepared exactly as <c>predict</c> prepares it.</summary>
    /// <param name="skipBlank">Leave out images without ink instead of refusing them.</param>
    /// <exception cref="LeNetException">An image has no ink (its index is named).</exception>
    public static Examples FromImages(IEnumerable<(GrayImage Image, string Label)> images, bool skipBlank = false)
    {
        var pixels = new List<byte>();
        var labels = new List<string>();
        foreach (var (image, label) in images)
        {
            var (_, field) = MnistFormatter.Prepare(image);
            if (field is null && skipBlank)
                continue;
            if (field is null)
                throw new LeNetException($"example {labels.Count + 1} ('{label}'): no ink found: the image looks blank");
            pixels.AddRange(field.ToBytes());
            labels.Add(label);
        }
        return new Examples([.. pixels], labels);
    }

    /// <summary>An image folder's examples.</summary>
    public static Examples From(Data.ImageFolder folder) => new(folder.Pixels, [.. folder.Labels.Select(l => folder.ClassNames[l])]);

    /// <summary>How many examples each of <paramref name="classes"/> has.</summary>
    public int[] PerClass(IReadOnlyList<string> classes) => [.. classes.Select(c => Labels.Count(l => l == c))];
}
