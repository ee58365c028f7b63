using LeNet.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary><see cref="Normalization"/> on whole tensors, for training and evaluation.</summary>
public static class NormalizationTensors
{
    /// <summary>Float32 inputs of the same shape as the uint8 <paramref name="pixels"/>.</summary>
    public static Tensor Apply(this Normalization normalization, Tensor pixels)
    {
        // Explicit scalars, disposed after use: an implicit one can be finalized while libtorch still reads it.
        using var scale = (1.0 / 255).ToScalar();
        return ApplyInPlace(normalization, pixels.to(ScalarType.Float32).mul_(scale));
    }

    /// <summary>Inputs for float images already scaled to [0, 1] (after a perturbation, say); a new tensor.</summary>
    public static Tensor ApplyToUnit(this Normalization normalization, Tensor unit) => ApplyInPlace(normalization, unit.clone());

    private static Tensor ApplyInPlace(Normalization normalization, Tensor unit)
    {
        using var mean = normalization.Mean.ToScalar();
        using var deviation = normalization.StandardDeviation.ToScalar();
        return unit.sub_(mean).div_(deviation);
    }
}
