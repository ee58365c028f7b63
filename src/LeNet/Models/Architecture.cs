using static TorchSharp.torch;

namespace LeNet.Models;

/// <summary>A named network this system can build, with what it reproduces.</summary>
/// <param name="Name">The <c>--arch</c> value, also stored in model files.</param>
/// <param name="Description">One line: what the network is and where it comes from.</param>
/// <param name="Build">Builds a freshly initialised network that maps <c>[N, 1, 28, 28]</c> images to <c>[N, classes]</c> scores.</param>
/// <param name="FixedClasses">The number of classes when the architecture cannot have another (the paper's RBF units hold one fixed code per digit).</param>
/// <param name="Input">How pixels become inputs when the architecture prescribes it (else the dataset's statistics).</param>
/// <param name="Loss">The training criterion when the architecture prescribes one (else cross-entropy).</param>
/// <param name="PapersNetwork">The paper's network, which trains the paper's way unless told otherwise (<c>ArchitectureDefaults</c>).</param>
public sealed record Architecture(string Name, string Description, Func<int, nn.Module<Tensor, Tensor>> Build,
    Normalization? Input = null, Func<Tensor, Tensor, Tensor>? Loss = null, int? FixedClasses = null, bool PapersNetwork = false)
{
    /// <summary>Every architecture, default first.</summary>
    public static IReadOnlyList<Architecture> All { get; } =
    [
        new("lenet5", "LeNet-5 with ReLU and max pooling (the modern reading; default)", classes => new LeNet5(classes)),
        new("classic", "Dive into Deep Learning's LeNet: sigmoid and average pooling", classes => new ClassicLeNet(classes)),
        new("tutorial", "the PyTorch blog tutorials' LeNet: unpadded, sigmoid, linear head", classes => new TutorialLeNet(classes)),
        new("keras", "the Keras blog posts' LeNet: 3×3 convolutions, Dense 120 and 60", classes => new KerasLeNet(classes)),
        new("compact", "a LeNet-5-sized network built as small classifiers are today: 3×3 convolutions, batch normalisation, global average pooling", classes => new CompactNet(classes)),
        new("paper", "LeCun et al. 1998 as published: tanh squashing, trainable subsampling, Table I, RBF outputs", _ => new Paper.PaperLeNet5(),
            Paper.PaperLeNet5.InputMapping, Paper.PaperLoss.Compute, FixedClasses: 10, PapersNetwork: true),
        new("paper-ecc", "the paper's network with an error-correcting output code in place of its digit bitmaps, the alternative its section II.B names",
            _ => new Paper.PaperLeNet5(Paper.HadamardCode.Prototypes()), Paper.PaperLeNet5.InputMapping, Paper.PaperLoss.Compute, FixedClasses: 10, PapersNetwork: true),
    ];

    /// <summary>A freshly initialised network with <paramref name="classes"/> outputs.</summary>
    /// <exception cref="LeNetException">The architecture cannot have that many outputs.</exception>
    public nn.Module<Tensor, Tensor> Create(int classes = 10)
    {
        if (classes < 2)
            throw new LeNetException($"arch {Name}: a classifier needs at least 2 classes (got {classes})");
        if (FixedClasses is { } fixedClasses && classes != fixedClasses)
            throw new LeNetException($"arch {Name}: reads exactly {fixedClasses} classes (its RBF units hold one fixed code per digit), not {classes}");
        return Build(classes);
    }

    /// <summary>The criterion to train and evaluate with.</summary>
    public Func<Tensor, Tensor, Tensor> Criterion => Loss ?? Training.LossFunction.CrossEntropy;

    /// <summary>The default architecture.</summary>
    public static Architecture Default => All[0];

    /// <summary>The architecture of that name (any case), or null.</summary>
    public static Architecture? Find(string name) => All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Finds an architecture by name.</summary>
    /// <exception cref="LeNetException">No architecture has that name.</exception>
    public static Architecture FromName(string name) =>
        Find(name) ?? throw new LeNetException($"arch: unknown architecture '{name}'; choose one of {string.Join(", ", All.Select(a => a.Name))}");
}
