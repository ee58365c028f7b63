using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>Maps byte pixels (0–255) to network inputs: <c>(pixel / 255 − Mean) / StandardDeviation</c>.</summary>
public sealed record Normalization(double Mean, double StandardDeviation)
{
    /// <summary>The input value of a background (zero) pixel.</summary>
    public double Background => -Mean / StandardDeviation;

    /// <summary>Float32 inputs of the same shape as the uint8 <paramref name="pixels"/>.</summary>
    public Tensor Apply(Tensor pixels) =>
        pixels.to(ScalarType.Float32).div_(255.0).sub_(Mean).div_(StandardDeviation);
}
