namespace LeNet.Inference;

/// <summary>
/// Bounds on what an input image may demand, checked from the file header before any pixel is allocated.
/// </summary>
/// <param name="MaxPixels">Largest declared width × height accepted: 64 megapixels (an 8000 × 8000 photo).</param>
/// <param name="MaxBytes">Largest encoded file accepted: 50 MiB.</param>
/// <param name="WorkingSide">Images are decoded or reduced so their longer side is at most this (digits need no more).</param>
public sealed record ImageLimits(long MaxPixels = 64_000_000, long MaxBytes = 50L << 20, int WorkingSide = 1024)
{
    /// <summary>The limits used unless a caller sets others.</summary>
    public static ImageLimits Default { get; } = new();
}
