using LeNet.Analysis;
using LeNet.Export;

namespace LeNet.Inference;

/// <summary>
/// ONNX Runtime as a recognizer's network (engine <c>onnx</c>): sessions run concurrently, one thread each. When the
/// TorchSharp model it was exported from is at hand, that model still provides the feature maps, which ONNX Runtime
/// does not expose.
/// </summary>
public sealed class OnnxNetwork(OnnxModel model, long parameters, TorchNetwork? maps = null) : INetwork
{
    private readonly TorchNetwork? _maps = maps;

    /// <inheritdoc />
    public string Engine => "onnx";

    /// <inheritdoc />
    public long Parameters => parameters;

    /// <inheritdoc />
    public float[] Scores(float[] inputs, int count) => model.Scores(inputs, count);

    /// <inheritdoc />
    public IReadOnlyList<FeatureMap> FeatureMaps(float[] input) => _maps?.FeatureMaps(input) ?? [];

    /// <inheritdoc />
    public void Dispose()
    {
        model.Dispose();
        _maps?.Dispose();
    }
}
