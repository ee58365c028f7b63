using LeNet.Analysis;
using LeNet.Models;
using LeNet.Models.Fast;

namespace LeNet.Inference;

/// <summary>
/// LeNet-5 (one network or an ensemble) run entirely in C# over weights frozen at load: with 256-bit vector kernels
/// where the CPU has them, in portable scalar code elsewhere (arm64, older x64) — chosen at run time. No native
/// machine-learning runtime is loaded; a batch spreads over up to <c>threads</c> cores.
/// </summary>
public sealed class CSharpNetwork : INetwork
{
    private const int Pixels = 28 * 28;
    private static readonly (string Name, int[] Shape)[] Layers =
    [
        ("conv1.weight", [6, 1, 5, 5]), ("conv1.bias", [6]), ("conv2.weight", [16, 6, 5, 5]), ("conv2.bias", [16]),
        ("fc1.weight", [120, 400]), ("fc1.bias", [120]), ("fc2.weight", [84, 120]), ("fc2.bias", [84]),
    ];

    private readonly IReadOnlyList<LeNet5Inference>? _vectorised;
    private readonly IReadOnlyList<LeNet5Portable> _portable;
    private readonly IReadOnlyList<double> _temperatures;
    private readonly int _threads, _outputs;

    private CSharpNetwork(IReadOnlyList<IReadOnlyDictionary<string, float[]>> members, IReadOnlyList<double> temperatures, int threads, bool vectorised)
    {
        _portable = [.. members.Select(m => new LeNet5Portable(m))];
        _vectorised = vectorised ? [.. members.Select(m => new LeNet5Inference(m))] : null;
        _temperatures = temperatures;
        _outputs = _portable[0].Outputs;
        _threads = threads > 0 ? threads : Environment.ProcessorCount;
        Parameters = members.Sum(m => m.Values.Sum(v => (long)v.Length));
    }

    /// <summary>Whether this engine runs <paramref name="architecture"/> (LeNet-5, the default architecture).</summary>
    public static bool Runs(string architecture) => string.Equals(architecture, "lenet5", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this CPU runs the vectorised kernels (else the portable scalar path runs).</summary>
    public static bool IsVectorised => ConvolutionStackKernels.IsSupported;

    /// <inheritdoc />
    public string Engine => "fast";

    /// <inheritdoc />
    public long Parameters { get; }

    /// <summary>The network of a model file.</summary>
    /// <exception cref="LeNetException">The architecture is not LeNet-5, or the weights do not fit it.</exception>
    public static CSharpNetwork Create(ModelFileContent content, string label, int threads = 0) => Create(content, label, threads, IsVectorised);

    internal static CSharpNetwork Create(ModelFileContent content, string label, int threads, bool vectorised)
    {
        var metadata = content.Metadata;
        if (!Runs(metadata.Architecture))
            throw new LeNetException($"{label}: the {metadata.Architecture} architecture needs the LeNet package's TorchSharp engine (Engines.Load, or --runtime torch); the C# engine runs lenet5");
        var members = content.Members.Select(m => Check(m, metadata.Outputs, label)).ToList();
        return new CSharpNetwork(members, metadata.MemberTemperatures ?? [1.0], threads, vectorised);
    }

    /// <summary>Networks from weights already in memory (a model being trained, say); each member softened by its temperature.</summary>
    public static CSharpNetwork FromWeights(IReadOnlyList<IReadOnlyDictionary<string, float[]>> members, IReadOnlyList<double> temperatures, int threads = 0) =>
        new(members, temperatures, threads, IsVectorised);

    private static IReadOnlyDictionary<string, float[]> Check(IReadOnlyDictionary<string, WeightTensor> weights, int outputs, string label)
    {
        List<(string Name, int[] Shape)> expected = [.. Layers, ("fc3.weight", [outputs, 84]), ("fc3.bias", [outputs])];
        foreach (var (name, shape) in expected)
        {
            if (!weights.TryGetValue(name, out var tensor))
                throw new LeNetException($"{label}: its weights do not fit the lenet5 architecture (no '{name}')");
            if (!tensor.Shape.SequenceEqual(shape))
                throw new LeNetException($"{label}: its weights do not fit the lenet5 architecture ('{name}' is [{string.Join(", ", tensor.Shape)}], not [{string.Join(", ", shape)}])");
        }
        if (weights.Count != expected.Count)
            throw new LeNetException($"{label}: its weights do not fit the lenet5 architecture (unexpected '{weights.Keys.Except(expected.Select(e => e.Name)).First()}')");
        return weights.ToDictionary(w => w.Key, w => w.Value.Values);
    }

    /// <inheritdoc />
    public float[] Scores(float[] inputs, int count)
    {
        if (inputs.Length != count * Pixels)
            throw new ArgumentException($"expected {count} × {Pixels} inputs, got {inputs.Length}", nameof(inputs));
        var members = _vectorised is not null
            ? _vectorised.Select(m => m.Scores(inputs, count, _threads)).ToList()
            : _portable.Select(m => m.Scores(inputs, count)).ToList();
        return FastEnsemble.Combine(members, _temperatures, count, _outputs);
    }

    /// <inheritdoc />
    /// <remarks>The first member's conv1 and conv2 outputs (before ReLU).</remarks>
    public IReadOnlyList<FeatureMap> FeatureMaps(float[] input)
    {
        _portable[0].Forward(input, out var conv1, out var conv2);
        return [new FeatureMap("conv1", 6, 28, 28, conv1), new FeatureMap("conv2", 16, 10, 10, conv2)];
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
