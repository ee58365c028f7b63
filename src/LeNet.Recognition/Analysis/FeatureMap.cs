namespace LeNet.Analysis;

/// <summary>One layer's activations for one image: <see cref="Channels"/> maps of <see cref="Height"/> × <see cref="Width"/>.</summary>
/// <param name="Values">Row-major values, channel after channel.</param>
public sealed record FeatureMap(string Layer, int Channels, int Height, int Width, float[] Values)
{
    /// <summary>Channel <paramref name="channel"/> scaled to [0, 1] by the layer's own range (so maps compare).</summary>
    public float[] Normalised(int channel)
    {
        var (min, max) = (Values.Min(), Values.Max());
        var range = max - min > 1e-12f ? max - min : 1f;
        return [.. Values.AsSpan(channel * Height * Width, Height * Width).ToArray().Select(v => (v - min) / range)];
    }
}
