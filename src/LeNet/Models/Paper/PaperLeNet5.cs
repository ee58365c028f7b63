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
public sealed class PaperLeNet5 : Module<Tensor, Tensor>, IRbfNetwork
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
    private readonly Conv2d c5 = Conv2d(16, 120, kernel_size: 5);
    private readonly Squashing f5 = new();
    private readonly Flatten flatten = Flatten();
    private readonly Linear f6 = Linear(120, 84);
    private readonly Squashing f7 = new();
    private readonly EuclideanRbf output = new();

    /// <summary>Creates the network with the paper's initialisation.</summary>
    public PaperLeNet5() : base(nameof(PaperLeNet5))
    {
        RegisterComponents();
        using var noGrad = no_grad();
        foreach (var (layer, fanIn) in new (Module Layer, int FanIn)[] { (c1, 25), (c5, 16 * 25), (f6, 120) })
        {
            var limit = 2.4 / fanIn;
            foreach (var parameter in layer.parameters())
                parameter.uniform_(-limit, limit);
        }
    }

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
}
