using LeNet.Analysis;
using LeNet.Export;
using LeNet.Models;
using LeNet.Models.Fast;
using static TorchSharp.torch;

namespace LeNet.Inference;

/// <summary>Which engine runs the network at inference time.</summary>
public enum InferenceRuntime
{
    /// <summary>
    /// TorchSharp with the network's fused kernels where it has them (LeNet-5's convolutions: <see cref="ComputePath.Fast"/>);
    /// other networks run as <see cref="Torch"/>. The default.
    /// </summary>
    Fast,

    /// <summary>TorchSharp (libtorch), one operation per layer (<see cref="ComputePath.Plain"/>).</summary>
    Torch,

    /// <summary>ONNX Runtime, from the model exported to ONNX: no libtorch needed when loading an .onnx file.</summary>
    Onnx,
}

/// <summary>What an <see cref="InferenceRuntime"/> means for the TorchSharp model.</summary>
public static class InferenceRuntimeExtensions
{
    /// <summary>The compute path the runtime runs the TorchSharp model on (ONNX Runtime does not use it: plain).</summary>
    public static ComputePath ComputePath(this InferenceRuntime runtime) =>
        runtime == InferenceRuntime.Fast ? Models.ComputePath.Fast : Models.ComputePath.Plain;
}

/// <summary>Turns normalised 28 × 28 inputs into class scores.</summary>
internal interface IScorer : IDisposable
{
    float[] Scores(float[] inputs, int count);

    /// <summary>Activations of the convolution layers, where the engine exposes them (empty otherwise).</summary>
    IReadOnlyList<FeatureMap> FeatureMaps(float[] input);
}

/// <summary>
/// TorchSharp: calls are serialised, so concurrent callers never oversubscribe libtorch's threads. On the fast path a
/// LeNet-5 scores with its whole forward pass in C# (<see cref="LeNet5Inference"/>): no libtorch call, no lock.
/// </summary>
internal sealed class TorchScorer : IScorer
{
    private readonly Lock _network = new();
    private readonly TrainedModel _model;
    private readonly FastEnsemble? _fast;
    private readonly int _threads;

    public TorchScorer(TrainedModel model, ComputePath path, int threads = 0)
    {
        _model = model;
        _threads = threads > 0 ? threads : Environment.ProcessorCount;
        foreach (var network in (model.Network is EnsembleNetwork e ? e.Members : [model.Network]).OfType<IHasComputePath>())
            (network.Path, network.Threads) = (path, _threads);
        if (path == ComputePath.Fast && ConvolutionStackKernels.IsSupported)
            _fast = model.Network switch
            {
                LeNet5 lenet => new FastEnsemble([LeNet5Inference.From(lenet)], [1]),
                EnsembleNetwork { Members: var members } ensemble when members.All(m => m is LeNet5) =>
                    new FastEnsemble([.. members.Select(m => LeNet5Inference.From((LeNet5)m))], ensemble.Temperatures),
                _ => null,
            };
    }

    public float[] Scores(float[] inputs, int count)
    {
        if (_fast is not null)
            return _fast.Scores(inputs, count, _threads);
        lock (_network)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            return _model.Network.call(tensor(inputs, [count, 1, 28, 28])).data<float>().ToArray();
        }
    }

    public IReadOnlyList<FeatureMap> FeatureMaps(float[] input)
    {
        lock (_network)
        {
            using var scope = NewDisposeScope();
            return Analysis.FeatureMaps.Capture(_model.Inspected, tensor(input, [1, 1, 28, 28]), Analysis.FeatureMaps.ConvolutionLayers(_model.Inspected));
        }
    }

    public void Dispose() => _model.Dispose();
}

/// <summary>
/// ONNX Runtime: sessions run concurrently, one thread each. When the TorchSharp model it was exported from is at
/// hand, that model (serialised) still provides the feature maps, which ONNX Runtime does not expose.
/// </summary>
internal sealed class OnnxScorer(OnnxModel model, TrainedModel? source = null) : IScorer
{
    private readonly TorchScorer? _maps = source is null ? null : new TorchScorer(source, ComputePath.Plain);

    public float[] Scores(float[] inputs, int count) => model.Scores(inputs, count);

    public IReadOnlyList<FeatureMap> FeatureMaps(float[] input) => _maps?.FeatureMaps(input) ?? [];

    public void Dispose()
    {
        model.Dispose();
        _maps?.Dispose();
    }
}
