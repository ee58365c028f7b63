using LeNet.Inference;

namespace LeNet.Synthesis;

/// <summary>
/// Generated characters in network form: 28 × 28 bytes (ink bright) made by the same preprocessing as real input,
/// their class indices, and who wrote each and how, for per-style reports.
/// </summary>
/// <param name="Pixels">Row-major bytes, 784 per sample.</param>
/// <param name="Labels">Class index per sample (into the class list it was generated for).</param>
/// <param name="Hands">The hand that wrote each sample (a font family or a pen writer).</param>
/// <param name="Variants">How each was written (e.g. <c>1 flag-foot</c>).</param>
public sealed record GlyphSet(byte[] Pixels, int[] Labels, string[] Hands, string[] Variants)
{
    /// <summary>Number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Sample <paramref name="index"/> as a 28 × 28 image.</summary>
    public GrayImage Field(int index) => GrayImage.FromBytes(MnistFormatter.FieldSize, MnistFormatter.FieldSize,
        Pixels.AsSpan(index * MnistFormatter.FieldSize * MnistFormatter.FieldSize, MnistFormatter.FieldSize * MnistFormatter.FieldSize));

    /// <summary>The samples in <paramref name="order"/>.</summary>
    public GlyphSet Select(IReadOnlyList<int> order)
    {
        const int Size = MnistFormatter.FieldSize * MnistFormatter.FieldSize;
        var pixels = new byte[order.Count * Size];
        for (var i = 0; i < order.Count; i++)
            Pixels.AsSpan(order[i] * Size, Size).CopyTo(pixels.AsSpan(i * Size));
        return new GlyphSet(pixels, [.. order.Select(i => Labels[i])], [.. order.Select(i => Hands[i])], [.. order.Select(i => Variants[i])]);
    }

    /// <summary>This set followed by <paramref name="other"/>.</summary>
    public GlyphSet Concat(GlyphSet other) =>
        new([.. Pixels, .. other.Pixels], [.. Labels, .. other.Labels], [.. Hands, .. other.Hands], [.. Variants, .. other.Variants]);

    /// <summary>An empty set.</summary>
    public static GlyphSet Empty { get; } = new([], [], [], []);
}
