using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace LeNet.Models;

/// <summary>
/// The LeNet of the common TensorFlow/Keras blog posts: 3×3 convolutions ("valid" padding), each followed by max
/// pooling then ReLU, a 400-unit flatten, Dense 120 ReLU, Dense 60 ReLU and a 10-way output.
/// 56,930 parameters: 60 + 880 + 48,120 + 7,260 + 610.
/// </summary>
public sealed class KerasLeNet : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1 = Conv2d(1, 6, kernel_size: 3);
    private readonly MaxPool2d pool1 = MaxPool2d(kernel_size: 2);
    private readonly ReLU relu1 = ReLU();
    private readonly Conv2d conv2 = Conv2d(6, 16, kernel_size: 3);
    private readonly MaxPool2d pool2 = MaxPool2d(kernel_size: 2);
    private readonly ReLU relu2 = ReLU();
    private readonly Flatten flatten = Flatten();
    private readonly Linear fc1 = Linear(16 * 5 * 5, 120);
    private readonly ReLU relu3 = ReLU();
    private readonly Linear fc2 = Linear(120, 60);
    private readonly ReLU relu4 = ReLU();
    private readonly Linear fc3;

    /// <summary>Creates the network with PyTorch's default initialisation. <paramref name="classes"/> outputs (10 digits by default).</summary>
    public KerasLeNet(int classes = 10) : base(nameof(KerasLeNet))
    {
        fc3 = Linear(60, classes);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var x = relu1.call(pool1.call(conv1.call(input))); // [N, 6, 13, 13]
        x = relu2.call(pool2.call(conv2.call(x)));        // [N, 16, 5, 5]
        x = flatten.call(x);                              // [N, 400]
        x = relu3.call(fc1.call(x));                      // [N, 120]
        x = relu4.call(fc2.call(x));                      // [N, 60]
        return fc3.call(x);                               // [N, classes] logits
    }
}
