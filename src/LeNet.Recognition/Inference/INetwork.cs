using LeNet.Analysis;

namespace LeNet.Inference;

/// <summary>
/// What runs a network for a <see cref="DigitRecognizer"/>: normalised 28 × 28 inputs in, one row of scores out per
/// input. The built-in engine is plain C# (<see cref="CSharpNetwork"/>); the LeNet package adds TorchSharp and ONNX
/// Runtime. Implementations are safe to call from many threads at once.
/// </summary>
public interface INetwork : IDisposable
{
    /// <summary>The engine, for messages and the web page: <c>fast</c>, <c>torch</c> or <c>onnx</c>.</summary>
    string Engine { get; }

    /// <summary>The parameter count (all members of an ensemble).</summary>
    long Parameters { get; }

    /// <summary>Scores <c>[count × outputs]</c>, row-major, for <paramref name="inputs"/> <c>[count × 784]</c>.</summary>
    float[] Scores(float[] inputs, int count);

    /// <summary>The activations of the convolution layers for one input (empty when the engine does not expose them).</summary>
    IReadOnlyList<FeatureMap> FeatureMaps(float[] input);
}
