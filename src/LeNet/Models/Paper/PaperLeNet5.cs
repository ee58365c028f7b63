using LeNet.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace LeNet.Models.Paper;

/// <summary>
/// LeNet-5 as published by LeCun, Bottou, Bengio and Haffner, "Gradient-Based Learning Applied to Document
/// Recognition", Proc. IEEE 86(11), 1998: 32 × 32 input (MNIST padded by 2 with background), C1 6@28×28, S2
/// trainable subsampling, C3 16@10×10 with Table I's connections, S4, C5 120, F6 84, squashing f(a) = 1.7159 tanh(2a/3)
/// after every layer up to F6, and 10 Euclidean RBF output units with fixed 7 × 12 bitmaps. Trainable parameters:
/// 156 + 12 + 1,516 + 32 + 48,120 + 10,164 = 60,000. Weights start uniform in ±2.4 / fan-in.
/// </summary>
public sealed class PaperLeNet5 : Module<Tensor, Tensor>, IRbfNetwork, IBackPropagatedCurvature
{
    /// <summary>Pixels map to background −0.1 and ink +1.175 (mean 0, variance about 1 over MNIST): p / 255 · 1.275 − 0.1.</summary>
    public static Normalization InputMapping { get; } = new(Mean: 0.1 / 1.275, StandardDeviation: 1 / 1.275);

    /// <summary>The value of background pixels after <see cref="InputMapping"/>, used to pad 28 → 32.</summary>
    private const double Background = -0.1;

    private readonly Conv2d c1 = Conv2d(1, 6, kernel_size: 5);
    private readonly Squashing f1 = new();
    private readonly Subsampling s2 = new(6);
    private readonly Squashing f2 = new();
    private readonly PartialConvolution c3 = new();
    private readonly Squashing f3 = new();
    private readonly Subsampling s4 = new(16);
    private readonly Squashing f4 = new();
    private readonly FullConvolution c5 = new(16, 120, 5);
    private readonly Squashing f5 = new();
    private readonly Flatten flatten = Flatten();
    private readonly Linear f6 = Linear(120, 84);
    private readonly Squashing f7 = new();
    private readonly EuclideanRbf output;

    /// <summary>
    /// Creates the network with the paper's initialisation; its output units hold the digits' bitmaps, or the ten
    /// <paramref name="codes"/> given (<c>[10 × 84]</c>, such as <see cref="HadamardCode.Prototypes"/>).
    /// </summary>
    public PaperLeNet5(float[]? codes = null) : base(nameof(PaperLeNet5))
    {
        output = new EuclideanRbf(codes ?? DigitBitmaps.Prototypes());
        RegisterComponents();
        using var noGrad = no_grad();
        foreach (var (layer, fanIn) in new (Module Layer, int FanIn)[] { (c1, 25), (c5, 16 * 25), (f6, 120) })
        {
            var limit = 2.4 / fanIn;
            foreach (var parameter in layer.parameters())
                parameter.uniform_(-limit, limit);
        }
    }

    /// <summary>The fixed parameters of the ten output units, <c>[10 × 84]</c> row-major.</summary>
    public float[] OutputCodes => output.Codes;

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => output.call(Features(input)); // [N, 10] = −RBF penalties

    /// <inheritdoc />
    public Tensor Features(Tensor input)
    {
        var x = functional.pad(input, [2, 2, 2, 2], value: Background); // [N, 1, 32, 32]
        x = f1.call(c1.call(x));                                        // [N, 6, 28, 28]
        x = f2.call(s2.call(x));                                        // [N, 6, 14, 14]
        x = f3.call(c3.call(x));                                        // [N, 16, 10, 10]
        x = f4.call(s4.call(x));                                        // [N, 16, 5, 5]
        x = f5.call(c5.call(x));                                        // [N, 120, 1, 1]
        return f7.call(f6.call(flatten.call(x)));                       // [N, 84]
    }

    /// <inheritdoc />
    /// <remarks>
    /// The rules of appendix C, with a the weighted sums, x the layer inputs and u the connections: ∂²E/∂a_i² =
    /// f′(a_i)² Σ_k u_ki² ∂²E/∂a_k², ∂²E/∂u_ij² = x_j² ∂²E/∂a_i², and h_kk = Σ over the connections sharing w_k; at the
    /// output ∂²E/∂x² = 2 per F6 unit (the correct class's squared distance). These are the backward pass of the
    /// network with squared weights fed squared inputs, so they are computed here by one autograd backward pass:
    /// every layer gets a zero "slot" per parameter whose gradient collects Σ x²·∂²E/∂a, while the second derivatives
    /// flow down through the squared weights.
    /// </remarks>
    public IReadOnlyList<Tensor> DiagonalSecondDerivatives(Tensor inputs)
    {
        Tensor x0, a1, x1, a2, x2, a3, x3, a4, x4, a5, x5, a6;
        using (no_grad())
        {
            x0 = functional.pad(inputs, [2, 2, 2, 2], value: Background);
            x1 = f1.call(a1 = c1.call(x0));
            x2 = f2.call(a2 = s2.call(x1));
            x3 = f3.call(a3 = c3.call(x2));
            x4 = f4.call(a4 = s4.call(x3));
            x5 = flatten.call(f5.call(a5 = c5.call(x4)));
            a6 = f6.call(x5);
        }
        using var enabled = enable_grad();
        var slots = named_parameters().ToDictionary(p => p.name, p => zeros_like(p.parameter).requires_grad_(true));
        var d1 = Squashing.SlopeSquared(a1) * functional.conv2d(x0.pow(Scalars.Two), slots["c1.weight"], slots["c1.bias"]);
        var d2 = Squashing.SlopeSquared(a2) * s2.SecondDerivativePass(x1.pow(Scalars.Two), d1, slots["s2.coefficient"], slots["s2.bias"]);
        var d3 = Squashing.SlopeSquared(a3) * c3.SecondDerivativePass(x2.pow(Scalars.Two), d2, slots["c3.weight"], slots["c3.bias"]);
        var d4 = Squashing.SlopeSquared(a4) * s4.SecondDerivativePass(x3.pow(Scalars.Two), d3, slots["s4.coefficient"], slots["s4.bias"]);
        var d5 = Squashing.SlopeSquared(a5) * FullConvolution.Apply(x4.pow(Scalars.Two), slots["c5.weight"], slots["c5.bias"])
            .add(FullConvolution.Apply(d4, c5.Weight.detach().pow(Scalars.Two), null), Scalars.One);
        var d6 = Squashing.SlopeSquared(a6) * functional.linear(x5.pow(Scalars.Two), slots["f6.weight"], slots["f6.bias"])
            .add(functional.linear(flatten.call(d5), f6.weight!.detach().pow(Scalars.Two)), Scalars.One);
        using var perExample = (2.0 / inputs.shape[0]).ToScalar(); // ∂²E/∂x² = 2 at F6's outputs, averaged over examples
        d6.sum().mul(perExample).backward();
        return [.. named_parameters().Select(p => slots[p.name].grad!.detach())];
    }
}
