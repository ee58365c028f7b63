using TorchSharp;
using static TorchSharp.torch;

namespace LeNet.Models.Paper;

/// <summary>The paper's squashing function f(a) = A·tanh(S·a) with A = 1.7159 and S = 2/3 (LeCun et al. 1998, Appendix A), chosen so that f(±1) = ±1.</summary>
public sealed class Squashing : nn.Module<Tensor, Tensor>
{
    private const double Amplitude = 1.7159;
    private const double Slope = 2.0 / 3.0;

    /// <summary>Creates the function (no parameters).</summary>
    public Squashing() : base(nameof(Squashing)) { }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var slope = Slope.ToScalar();
        using var amplitude = Amplitude.ToScalar();
        return input.mul(slope).tanh().mul(amplitude); // out of place: tanh keeps its output for the backward pass
    }

    /// <summary>f′(a)² = (A·S·(1 − tanh²(S·a)))², the factor second derivatives pick up through the function.</summary>
    public static Tensor SlopeSquared(Tensor input)
    {
        using var slope = Slope.ToScalar();
        using var gain = (Amplitude * Slope).ToScalar();
        var tanh = input.mul(slope).tanh();
        var slopeAt = tanh.pow(Scalars.Two).neg_().add_(Scalars.One).mul_(gain);
        return slopeAt.mul_(slopeAt);
    }
}
