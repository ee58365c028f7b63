using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LeNet.Models.Paper;

/// <summary>
/// The paper's subsampling layers S2 and S4: each map's 2 × 2 neighbourhoods are summed, multiplied by one trainable
/// coefficient and offset by one trainable bias per map (2 parameters per map), before the squashing function.
/// </summary>
public sealed class Subsampling : nn.Module<Tensor, Tensor>, IMacCounter
{
    private readonly Parameter coefficient;
    private readonly Parameter bias;

    /// <summary>Creates the layer for <paramref name="maps"/> maps, initialised uniformly in ±2.4 / 4 (fan-in 4).</summary>
    public Subsampling(int maps) : base(nameof(Subsampling))
    {
        const double Limit = 2.4 / 4;
        coefficient = nn.Parameter(empty(maps).uniform_(-Limit, Limit));
        bias = nn.Parameter(empty(maps).uniform_(-Limit, Limit));
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => Sums(input).mul(coefficient.view(1, -1, 1, 1)).add(bias.view(1, -1, 1, 1), Scalars.One);

    /// <summary>
    /// The layer's part of <see cref="PaperLeNet5.DiagonalSecondDerivatives"/>: differentiated, it sends second
    /// derivatives ∂²E/∂a of this layer's sums back to its inputs (times coefficient²) and gives each coefficient
    /// Σ x²·∂²E/∂a and each bias Σ ∂²E/∂a in the gradients of <paramref name="coefficientSlot"/> and <paramref name="biasSlot"/>.
    /// </summary>
    internal Tensor SecondDerivativePass(Tensor inputSquared, Tensor fromBelow, Tensor coefficientSlot, Tensor biasSlot) =>
        Sums(inputSquared).mul(coefficientSlot.view(1, -1, 1, 1)).add(biasSlot.view(1, -1, 1, 1), Scalars.One)
            .add(Sums(fromBelow).mul(coefficient.detach().pow(Scalars.Two).view(1, -1, 1, 1)), Scalars.One);

    private static Tensor Sums(Tensor input)
    {
        using var four = 4.ToScalar();
        return nn.functional.avg_pool2d(input, 2).mul(four); // [N, C, H/2, W/2]
    }

    /// <summary>Four inputs per output unit, counted as the paper counts connections (the coefficient applies to their sum).</summary>
    public long MultiplyAccumulates(Tensor input, Tensor output) => output.numel() * 4;
}
