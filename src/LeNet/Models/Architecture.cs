using static TorchSharp.torch;

namespace LeNet.Models;

/// <summary>A named network this system can build, with what it reproduces.</summary>
/// <param name="Name">The <c>--arch</c> value, also stored in model files.</param>
/// <param name="Description">One line: what the network is and where it comes from.</param>
/// <param name="Create">Builds a freshly initialised network that maps <c>[N, 1, 28, 28]</c> images to <c>[N, 10]</c> scores.</param>
public sealed record Architecture(string Name, string Description, Func<nn.Module<Tensor, Tensor>> Create)
{
    /// <summary>Every architecture, default first.</summary>
    public static IReadOnlyList<Architecture> All { get; } =
    [
        new("lenet5", "LeNet-5 with ReLU and max pooling (the modern reading; default)", () => new LeNet5()),
        new("classic", "Dive into Deep Learning's LeNet: sigmoid and average pooling", () => new ClassicLeNet()),
        new("tutorial", "the PyTorch blog tutorials' LeNet: unpadded, sigmoid, linear head", () => new TutorialLeNet()),
        new("keras", "the Keras blog posts' LeNet: 3×3 convolutions, Dense 120 and 60", () => new KerasLeNet()),
    ];

    /// <summary>The default architecture.</summary>
    public static Architecture Default => All[0];

    /// <summary>Finds an architecture by name.</summary>
    /// <exception cref="LeNetException">No architecture has that name.</exception>
    public static Architecture FromName(string name) =>
        All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new LeNetException($"arch: unknown architecture '{name}'; choose one of {string.Join(", ", All.Select(a => a.Name))}");
}
