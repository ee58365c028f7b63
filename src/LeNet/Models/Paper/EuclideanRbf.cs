using static TorchSharp.torch;

namespace LeNet.Models.Paper;

/// <summary>
/// The paper's output layer: one Euclidean radial basis function unit per class, y_i = Σ_j (x_j − w_ij)², with the
/// fixed ±1 parameters w of <see cref="DigitBitmaps"/>. It returns −y (higher is better), so that argmax, softmax
/// and every tool that reads "scores" work unchanged; <see cref="PaperLoss"/> turns them back into penalties.
/// </summary>
public sealed class EuclideanRbf : nn.Module<Tensor, Tensor>, IMacCounter
{
    private readonly Tensor prototypes;

    /// <summary>Creates the layer; its parameters are fixed (a buffer, not trained).</summary>
    public EuclideanRbf() : base(nameof(EuclideanRbf))
    {
        prototypes = tensor(DigitBitmaps.Prototypes(), [10, DigitBitmaps.Width * DigitBitmaps.Height]);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var difference = input.unsqueeze(1) - prototypes.unsqueeze(0); // [N, 10, 84]
        return difference.pow(Scalars.Two).sum(2).neg();              // [N, 10] = −penalty
    }

    /// <summary>84 squared differences per output unit.</summary>
    public long MultiplyAccumulates(Tensor input, Tensor output) => output.numel() * input.shape[1];
}
