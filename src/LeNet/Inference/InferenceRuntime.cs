using LeNet.Analysis;
using LeNet.Export;
using LeNet.Models;
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

/// <summary>Turns normalised 28 × 28 inputs into class scores.</summary>
internal interface IScorer : IDisposable
{
    float[] Scores(float[] inputs, int count);

    /// <summary>Activations of the convolution layers, where the engine exposes them (empty otherwise).</summary>
    IReadOnlyList<FeatureMap> FeatureMaps(float[] input);
}

/// <summary>TorchSharp: calls are serialised, so concurrent callers never oversubscribe libtorch's threads.</summary>
internal sealed class TorchScorer : IScorer
{
    private readonly Lock _network = new();
    private readonly TrainedModel _model;

    public TorchScorer(TrainedModel model, ComputePath path, int threads = 0)
    {
        _model = model;
        if (model.Network is IHasComputePath network)
            (network.Path, network.Threads) = (path, threads > 0 ? threads : Environment.ProcessorCount);
    }

    public float[] Scores(float[] inputs, int count)
    {
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
            return Analysis.FeatureMaps.Capture(_model.Network, tensor(input, [1, 1, 28, 28]), Analysis.FeatureMaps.ConvolutionLayers(_model.Network));
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
