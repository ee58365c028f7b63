using static TorchSharp.torch;

namespace LeNet.Models.Paper;

/// <summary>
/// The paper's output layer: one Euclidean radial basis function unit per class, y_i = Σ_j (x_j − w_ij)², with the
/// fixed ±1 parameters w: the digits' bitmaps (<see cref="DigitBitmaps"/>) or another code of 84 places per digit
/// (<see cref="HadamardCode"/>). It returns −y (higher is better), so that argmax, softmax
/// and every tool that reads "scores" work unchanged; <see cref="PaperLoss"/> turns them back into penalties.
/// </summary>
public sealed class EuclideanRbf : nn.Module<Tensor, Tensor>, IMacCounter
{
    private readonly Tensor prototypes;

    /// <summary>Creates the layer with the ten digits' <paramref name="codes"/> (<c>[10 × 84]</c>, row-major); they are fixed (a buffer, not trained).</summary>
    public EuclideanRbf(float[] codes) : base(nameof(EuclideanRbf))
    {
        if (codes.Length != 10 * DigitBitmaps.Width * DigitBitmaps.Height)
            throw new ArgumentException($"expected ten codes of {DigitBitmaps.Width * DigitBitmaps.Height} values, got {codes.Length} values", nameof(codes));
        prototypes = tensor(codes, [10, codes.Length / 10]);
        RegisterComponents();
    }

    /// <summary>The ten codes as the layer holds them, <c>[10 × 84]</c> row-major.</summary>
    public float[] Codes => prototypes.data<float>().ToArray();

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var difference = input.unsqueeze(1) - prototypes.unsqueeze(0); // [N, 10, 84]
        return difference.pow(Scalars.Two).sum(2).neg();              // [N, 10] = −penalty
    }

    /// <summary>84 squared differences per output unit.</summary>
    public long MultiplyAccumulates(Tensor input, Tensor output) => output.numel() * input.shape[1];
}
