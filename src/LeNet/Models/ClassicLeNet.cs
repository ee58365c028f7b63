using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace LeNet.Models;

/// <summary>
/// Dive into Deep Learning's LeNet (d2l.ai, §7.6 "Convolutional Neural Networks (LeNet)"): the modern layer sizes
/// with the 1990s sigmoid activations and average pooling. 61,706 parameters.
/// </summary>
public sealed class ClassicLeNet : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1 = Conv2d(1, 6, kernel_size: 5, padding: 2);
    private readonly Sigmoid sigmoid1 = Sigmoid();
    private readonly AvgPool2d pool1 = AvgPool2d(kernel_size: 2);
    private readonly Conv2d conv2 = Conv2d(6, 16, kernel_size: 5);
    private readonly Sigmoid sigmoid2 = Sigmoid();
    private readonly AvgPool2d pool2 = AvgPool2d(kernel_size: 2);
    private readonly Flatten flatten = Flatten();
    private readonly Linear fc1 = Linear(16 * 5 * 5, 120);
    private readonly Sigmoid sigmoid3 = Sigmoid();
    private readonly Linear fc2 = Linear(120, 84);
    private readonly Sigmoid sigmoid4 = Sigmoid();
    private readonly Linear fc3;

    /// <summary>Creates the network with PyTorch's default initialisation. <paramref name="classes"/> outputs (10 digits by default).</summary>
    public ClassicLeNet(int classes = 10) : base(nameof(ClassicLeNet))
    {
        fc3 = Linear(84, classes);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var x = pool1.call(sigmoid1.call(conv1.call(input))); // [N, 6, 14, 14]
        x = pool2.call(sigmoid2.call(conv2.call(x)));        // [N, 16, 5, 5]
        x = flatten.call(x);                                 // [N, 400]
        x = sigmoid3.call(fc1.call(x));                      // [N, 120]
        x = sigmoid4.call(fc2.call(x));                      // [N, 84]
        return fc3.call(x);                                  // [N, classes] logits
    }
}
