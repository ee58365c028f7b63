using Microsoft.ML.OnnxRuntime;

namespace LeNet.Export;

/// <summary>
/// An exported model running on ONNX Runtime alone (no libtorch): scores for batches of normalised 28 × 28 inputs.
/// Thread-safe (ONNX Runtime sessions may run concurrently); one intra-op thread per call.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _output;

    /// <summary>Loads an ONNX file written by <see cref="OnnxExporter"/> (or any with one [batch, 1, 28, 28] float input).</summary>
    /// <exception cref="LeNetException">The file is missing or not a valid ONNX model.</exception>
    public OnnxModel(byte[] onnx, string label)
    {
        try
        {
            using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
            _session = new InferenceSession(onnx, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new LeNetException($"{label}: not a usable ONNX model ({e.Message.Split('\n')[0]})", e);
        }
        _input = _session.InputMetadata.Keys.Single();
        _output = _session.OutputMetadata.Keys.First();
        Classes = (int)_session.OutputMetadata[_output].Dimensions[^1];
    }

    /// <summary>Number of output classes.</summary>
    public int Classes { get; }

    /// <summary>Scores <c>[count × classes]</c> for <paramref name="inputs"/> <c>[count × 1 × 28 × 28]</c>, row-major.</summary>
    public float[] Scores(float[] inputs, int count, int height = 28, int width = 28)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(inputs, [count, 1, height, width]);
        using var run = new RunOptions();
        using var outputs = _session.Run(run, [_input], [input], [_output]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
