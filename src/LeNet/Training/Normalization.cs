using TorchSharp;
using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>Maps byte pixels (0–255) to network inputs: <c>(pixel / 255 − Mean) / StandardDeviation</c>.</summary>
public sealed record Normalization(double Mean, double StandardDeviation)
{
    /// <summary>The input value of a background (zero) pixel.</summary>
    public double Background => -Mean / StandardDeviation;

    /// <summary>Float32 inputs of the same shape as the uint8 <paramref name="pixels"/>.</summary>
    public Tensor Apply(Tensor pixels)
    {
        // Explicit scalars, disposed after use: an implicit one can be finalized while libtorch still reads it.
        using var scale = (1.0 / 255).ToScalar();
        return ApplyInPlace(pixels.to(ScalarType.Float32).mul_(scale));
    }

    /// <summary>Inputs for float images already scaled to [0, 1] (after a perturbation, say); a new tensor.</summary>
    public Tensor ApplyToUnit(Tensor unit) => ApplyInPlace(unit.clone());

    private Tensor ApplyInPlace(Tensor unit)
    {
        using var mean = Mean.ToScalar();
        using var deviation = StandardDeviation.ToScalar();
        return unit.sub_(mean).div_(deviation);
    }

    /// <summary>The same mapping on plain bytes (no libtorch call): what single images use.</summary>
    public float[] Apply(ReadOnlySpan<byte> pixels)
    {
        var inputs = new float[pixels.Length];
        float mean = (float)Mean, scale = (float)(1 / StandardDeviation);
        for (var i = 0; i < inputs.Length; i++)
            inputs[i] = (pixels[i] / 255f - mean) * scale;
        return inputs;
    }
}
