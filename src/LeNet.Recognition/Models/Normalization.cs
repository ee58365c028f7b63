namespace LeNet.Models;

/// <summary>Maps byte pixels (0–255) to network inputs: <c>(pixel / 255 − Mean) / StandardDeviation</c>.</summary>
public sealed record Normalization(double Mean, double StandardDeviation)
{
    /// <summary>The input value of a background (zero) pixel.</summary>
    public double Background => -Mean / StandardDeviation;

    /// <summary>The mapping on plain bytes: what single images use.</summary>
    public float[] Apply(ReadOnlySpan<byte> pixels)
    {
        var inputs = new float[pixels.Length];
        float mean = (float)Mean, scale = (float)(1 / StandardDeviation);
        for (var i = 0; i < inputs.Length; i++)
            inputs[i] = (pixels[i] / 255f - mean) * scale;
        return inputs;
    }
}
