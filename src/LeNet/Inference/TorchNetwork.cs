using LeNet.Analysis;
using LeNet.Models;
using static TorchSharp.torch;

namespace LeNet.Inference;

/// <summary>
/// A trained TorchSharp model as a recognizer's network (engine <c>torch</c>): any architecture, on the path and
/// cores of its <see cref="ComputeSettings"/>. Calls are serialised, so concurrent callers never oversubscribe
/// libtorch's threads.
/// </summary>
public sealed class TorchNetwork : INetwork
{
    private readonly Lock _network = new();
    private readonly TrainedModel _model;
    private readonly bool _ownsModel;

    /// <summary>Runs <paramref name="model"/>; disposing this network disposes the model when <paramref name="ownsModel"/>.</summary>
    /// <exception cref="Native.TorchUnavailableException">libtorch cannot be loaded.</exception>
    public TorchNetwork(TrainedModel model, ComputeSettings compute, bool ownsModel = true)
    {
        _model = model;
        _ownsModel = ownsModel;
        compute.Apply(model.Network);
        Parameters = model.Network.parameters().Sum(p => p.numel());
    }

    /// <inheritdoc />
    public string Engine => "torch";

    /// <inheritdoc />
    public long Parameters { get; }

    /// <inheritdoc />
    public float[] Scores(float[] inputs, int count)
    {
        lock (_network)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            return _model.Network.call(tensor(inputs, [count, 1, 28, 28])).data<float>().ToArray();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<FeatureMap> FeatureMaps(float[] input)
    {
        lock (_network)
        {
            using var scope = NewDisposeScope();
            return Analysis.FeatureMaps.Capture(_model.Inspected, tensor(input, [1, 1, 28, 28]), Analysis.FeatureMaps.ConvolutionLayers(_model.Inspected));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsModel)
            _model.Dispose();
    }
}
