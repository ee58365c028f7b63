using LeNet.Export;
using LeNet.IO;
using LeNet.Models;

namespace LeNet.Inference;

/// <summary>
/// Recognizers on the engine a user chose (<c>--runtime</c>): the C# network, TorchSharp or ONNX Runtime. A LeNet-5
/// read on the default engine never loads libtorch.
/// </summary>
public static class Engines
{
    /// <summary>
    /// The model at <paramref name="path"/> — a <c>.lenet</c> file, or an <c>.onnx</c> file from <c>lenet export</c>
    /// (ONNX Runtime only) — or, when it is null, the bundled <paramref name="bundled"/> model.
    /// </summary>
    /// <exception cref="LeNetException">The file is missing, damaged or not a model, or the engine cannot run it.</exception>
    public static DigitRecognizer Load(string? path, InferenceRuntime runtime = InferenceRuntime.Fast, RecognizerOptions? options = null,
        BundledModel bundled = BundledModel.Digits)
    {
        options ??= RecognizerOptions.Default;
        if (path is not null && path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            return runtime == InferenceRuntime.Onnx
                ? LoadOnnx(path, options)
                : throw new LeNetException($"{path}: an ONNX model runs on ONNX Runtime: use --runtime onnx");
        if (runtime == InferenceRuntime.Fast)
        {
            var content = path is null ? ModelFileContent.Bundled(bundled) : ModelFileContent.Read(path);
            if (CSharpNetwork.Runs(content.Metadata.Architecture))
                return DigitRecognizer.FromContent(content, path ?? ModelFileContent.Name(bundled), options);
        }
        var model = path is null ? ModelFile.LoadBundled(bundled) : ModelFile.Load(path);
        return Wrap(model, runtime, options);
    }

    /// <summary>A recognizer over a model already loaded, on <paramref name="runtime"/>; it owns the model.</summary>
    public static DigitRecognizer Wrap(TrainedModel model, InferenceRuntime runtime = InferenceRuntime.Fast, RecognizerOptions? options = null)
    {
        if (runtime != InferenceRuntime.Onnx)
            return TorchEngine.Recognizer(model, options, runtime.ComputePath());
        var parameters = model.Network.parameters().Sum(p => p.numel());
        var onnx = new OnnxModel(OnnxExporter.ToBytes(model), model.Metadata.Architecture);
        var maps = new TorchNetwork(model, new ComputeSettings(ComputePath.Plain, options?.Threads ?? 0));
        return new DigitRecognizer(model.Metadata, new OnnxNetwork(onnx, parameters, maps), options);
    }

    private static DigitRecognizer LoadOnnx(string path, RecognizerOptions options)
    {
        var bytes = BoundedFile.Read(path, SectionFile.MaxFileBytes, "ONNX model");
        var metadata = OnnxExporter.ReadMetadata(bytes, path);
        return new DigitRecognizer(metadata, new OnnxNetwork(new OnnxModel(bytes, path), 0), options);
    }
}
