using static TorchSharp.torch;

namespace LeNet.Models;

/// <summary>A named network this system can build, with what it reproduces.</summary>
/// <param name="Name">The <c>--arch</c> value, also stored in model files.</param>
/// <param name="Description">One line: what the network is and where it comes from.</param>
/// <param name="Create">Builds a freshly initialised network that maps <c>[N, 1, 28, 28]</c> images to <c>[N, 10]</c> scores.</param>
/// <param name="Input">How pixels become inputs when the architecture prescribes it (else the dataset's statistics).</param>
/// <param name="Loss">The training criterion when the architecture prescribes one (else cross-entropy).</param>
public sealed record Architecture(string Name, string Description, Func<nn.Module<Tensor, Tensor>> Create,
    Training.Normalization? Input = null, Func<Tensor, Tensor, Tensor>? Loss = null)
{
    /// <summary>Every architecture, default first.</summary>
    public static IReadOnlyList<Architecture> All { get; } =
    [
        new("lenet5", "LeNet-5 with ReLU and max pooling (the modern reading; default)", () => new LeNet5()),
        new("classic", "Dive into Deep Learning's LeNet: sigmoid and average pooling", () => new ClassicLeNet()),
        new("tutorial", "the PyTorch blog tutorials' LeNet: unpadded, sigmoid, linear head", () => new TutorialLeNet()),
        new("keras", "the Keras blog posts' LeNet: 3×3 convolutions, Dense 120 and 60", () => new KerasLeNet()),
        new("paper", "LeCun et al. 1998 as published: tanh squashing, trainable subsampling, Table I, RBF outputs", () => new Paper.PaperLeNet5(),
            Paper.PaperLeNet5.InputMapping, Paper.PaperLoss.Compute),
    ];

    /// <summary>The criterion to train and evaluate with.</summary>
    public Func<Tensor, Tensor, Tensor> Criterion => Loss ?? Training.LossFunction.CrossEntropy;

    /// <summary>The default architecture.</summary>
    public static Architecture Default => All[0];

    /// <summary>Finds an architecture by name.</summary>
    /// <exception cref="LeNetException">No architecture has that name.</exception>
    public static Architecture FromName(string name) =>
        All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new LeNetException($"arch: unknown architecture '{name}'; choose one of {string.Join(", ", All.Select(a => a.Name))}");
}
