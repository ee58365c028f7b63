using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace LeNet.Models;

/// <summary>
/// A LeNet-5-sized network built the way small image classifiers are built today: a 5×5 convolution and pooling as
/// LeNet-5 begins, then three 3×3 convolutions, each followed by batch normalisation, global average pooling in place
/// of the fully connected layers, and one linear output. 61,658 parameters, LeNet-5's budget (61,706) spent on
/// convolutions: 400 + 4,608 + 13,824 + 41,472 weights, 384 batch-norm scales and shifts, 970 in the output layer.
/// </summary>
public sealed class CompactNet : Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Linear output;

    /// <summary>Creates the network with PyTorch's default initialisation. <paramref name="classes"/> outputs (10 digits by default).</summary>
    public CompactNet(int classes = 10) : base(nameof(CompactNet))
    {
        features = Sequential(
            Conv2d(1, 16, kernel_size: 5, padding: 2, bias: false), BatchNorm2d(16), ReLU(), MaxPool2d(kernel_size: 2), // [N, 16, 14, 14]
            Conv2d(16, 32, kernel_size: 3, padding: 1, bias: false), BatchNorm2d(32), ReLU(),
            Conv2d(32, 48, kernel_size: 3, padding: 1, bias: false), BatchNorm2d(48), ReLU(), MaxPool2d(kernel_size: 2), // [N, 48, 7, 7]
            Conv2d(48, 96, kernel_size: 3, padding: 1, bias: false), BatchNorm2d(96), ReLU(),
            AdaptiveAvgPool2d(1), Flatten());                                                                          // [N, 96]
        output = Linear(96, classes);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => output.call(features.call(input));
}
