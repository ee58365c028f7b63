using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace LeNet.Models;

/// <summary>
/// The modern LeNet-5 (default architecture): LeCun et al.'s layer sizes with today's choices, ReLU and max pooling.
/// 28×28 input with padding 2 keeps conv1 at 28×28 as in the paper's 32×32 input. 61,706 parameters:
/// conv1 156 + conv2 2,416 + fc1 48,120 + fc2 10,164 + fc3 850.
/// </summary>
public sealed class LeNet5 : Module<Tensor, Tensor>, IHasComputePath
{
    private readonly Conv2d conv1 = Conv2d(1, 6, kernel_size: 5, padding: 2);
    private readonly ReLU relu1 = ReLU();
    private readonly MaxPool2d pool1 = MaxPool2d(kernel_size: 2);
    private readonly Conv2d conv2 = Conv2d(6, 16, kernel_size: 5);
    private readonly ReLU relu2 = ReLU();
    private readonly MaxPool2d pool2 = MaxPool2d(kernel_size: 2);
    private readonly Flatten flatten = Flatten();
    private readonly Linear fc1 = Linear(16 * 5 * 5, 120);
    private readonly ReLU relu3 = ReLU();
    private readonly Linear fc2 = Linear(120, 84);
    private readonly ReLU relu4 = ReLU();
    private readonly Linear fc3;

    /// <summary>Creates the network with PyTorch's default (Kaiming-uniform) initialisation. <paramref name="classes"/> outputs (10 digits by default).</summary>
    public LeNet5(int classes = 10) : base(nameof(LeNet5))
    {
        fc3 = Linear(84, classes);
        RegisterComponents();
    }

    /// <inheritdoc />
    /// <remarks>
    /// The fast path computes conv1 → pool2 (the same operations, the same numbers up to float rounding) with
    /// <see cref="Fast.FusedConvolutionStack"/> on CPUs with 256-bit SIMD; elsewhere, and when a gradient with respect
    /// to the images is wanted, the plain path runs.
    /// </remarks>
    public ComputePath Path { get; set; } = ComputePath.Fast;

    /// <inheritdoc />
    public int Threads { get; set; } = Environment.ProcessorCount;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var x = UsesFastPath(input) ? FastFeatures(input) : PlainFeatures(input); // [N, 400]
        x = relu3.call(fc1.call(x));                      // [N, 120]
        x = relu4.call(fc2.call(x));                      // [N, 84]
        return fc3.call(x);                               // [N, classes] logits
    }

    private Tensor PlainFeatures(Tensor input)
    {
        var x = pool1.call(relu1.call(conv1.call(input))); // [N, 6, 14, 14]
        x = pool2.call(relu2.call(conv2.call(x)));        // [N, 16, 5, 5]
        return flatten.call(x);                           // [N, 400]
    }

    private Tensor FastFeatures(Tensor input) => is_grad_enabled()
        ? Fast.FusedConvolutionStack.apply(input, conv1.weight!, conv1.bias!, conv2.weight!, conv2.bias!, Threads)
        : Fast.FusedConvolutionStack.Infer(input, conv1.weight!, conv1.bias!, conv2.weight!, conv2.bias!, Threads);

    /// <summary>The fused kernels need a float32 CPU batch and compute no gradient for the images themselves (saliency does).</summary>
    private bool UsesFastPath(Tensor input) =>
        Path == ComputePath.Fast && input.device_type == DeviceType.CPU && input.dtype == ScalarType.Float32 && !input.requires_grad
        && Fast.ConvolutionStackKernels.IsSupported;
}
