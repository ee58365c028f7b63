using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace LeNet.Models;

/// <summary>
/// The LeNet of the widely copied PyTorch blog tutorials: unpadded 5×5 convolutions on the 28×28 input, sigmoid and
/// average pooling, then three linear layers with no activation between them (so they compose to one affine map).
/// 44,426 parameters: 156 + 2,416 + 30,840 + 10,164 + 850.
/// </summary>
public sealed class TutorialLeNet : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1 = Conv2d(1, 6, kernel_size: 5);
    private readonly Sigmoid sigmoid1 = Sigmoid();
    private readonly AvgPool2d pool1 = AvgPool2d(kernel_size: 2);
    private readonly Conv2d conv2 = Conv2d(6, 16, kernel_size: 5);
    private readonly Sigmoid sigmoid2 = Sigmoid();
    private readonly AvgPool2d pool2 = AvgPool2d(kernel_size: 2);
    private readonly Flatten flatten = Flatten();
    private readonly Linear fc1 = Linear(16 * 4 * 4, 120);
    private readonly Linear fc2 = Linear(120, 84);
    private readonly Linear fc3;

    /// <summary>Creates the network with PyTorch's default initialisation. <paramref name="classes"/> outputs (10 digits by default).</summary>
    public TutorialLeNet(int classes = 10) : base(nameof(TutorialLeNet))
    {
        fc3 = Linear(84, classes);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var x = pool1.call(sigmoid1.call(conv1.call(input))); // [N, 6, 12, 12]
        x = pool2.call(sigmoid2.call(conv2.call(x)));        // [N, 16, 4, 4]
        x = flatten.call(x);                                 // [N, 256]
        return fc3.call(fc2.call(fc1.call(x)));              // [N, classes] logits
    }
}
