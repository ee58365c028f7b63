using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LeNet.Models.Paper;

/// <summary>
/// C5: 120 maps, each a 5 × 5 convolution over all 16 of S4's 5 × 5 maps — a single output position, so it is computed
/// as the same sums by one matrix product. libtorch's CPU convolution backward occasionally returned non-finite input
/// gradients for this shape (C1–S4's gradients NaN while C5's were finite); the matrix product's does not.
/// Parameters keep a convolution's names and shapes (<c>weight</c> [120, 16, 5, 5], <c>bias</c> [120]).
/// </summary>
public sealed class FullConvolution : nn.Module<Tensor, Tensor>, IMacCounter
{
    private readonly Parameter weight;
    private readonly Parameter bias;

    /// <summary>Creates the layer (the network initialises it).</summary>
    public FullConvolution(int inputs, int outputs, int kernel) : base(nameof(FullConvolution))
    {
        weight = nn.Parameter(zeros(outputs, inputs, kernel, kernel));
        bias = nn.Parameter(zeros(outputs));
        RegisterComponents();
    }

    /// <summary>The kernels, [outputs, inputs, k, k].</summary>
    public Parameter Weight => weight;

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => Apply(input, weight, bias);

    /// <summary>The layer's sums of <paramref name="maps"/> with any kernels and bias of its shape: [N, outputs, 1, 1].</summary>
    public static Tensor Apply(Tensor maps, Tensor kernels, Tensor? biases) =>
        nn.functional.linear(maps.flatten(1), kernels.flatten(1), biases).view(-1, kernels.shape[0], 1, 1);

    /// <inheritdoc />
    public long MultiplyAccumulates(Tensor input, Tensor output) => output.numel() * weight.shape[1] * weight.shape[2] * weight.shape[3];
}
