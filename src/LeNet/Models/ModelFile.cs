using LeNet.IO;
using static TorchSharp.torch;

namespace LeNet.Models;

/// <summary>
/// Self-describing model files (<c>.lenet</c>): metadata JSON plus the weights in TorchSharp's format, each
/// checksummed, written atomically. Loading checks everything before building the network.
/// </summary>
public static class ModelFile
{
    internal const string MetadataSection = "metadata";
    internal const string WeightsSection = "weights";

    /// <summary>Saves <paramref name="network"/> and <paramref name="metadata"/> to <paramref name="path"/>.</summary>
    public static void Save(string path, nn.Module<Tensor, Tensor> network, ModelMetadata metadata) =>
        SectionFile.Write(path, [(MetadataSection, Json.ToBytes(metadata)), (WeightsSection, SerializeWeights(network))]);

    /// <summary>Loads a model file, in evaluation mode.</summary>
    /// <exception cref="LeNetException">The file is missing, damaged, foreign, or its weights do not fit its architecture.</exception>
    public static TrainedModel Load(string path) => FromSections(SectionFile.Read(path, "model file"), path);

    /// <summary>Loads a model file already in memory; <paramref name="label"/> names it in messages.</summary>
    /// <exception cref="LeNetException">The content is damaged, foreign, or its weights do not fit its architecture.</exception>
    public static TrainedModel Load(byte[] content, string label) => FromSections(SectionFile.Parse(content, label, "model file"), label);

    /// <summary>The model that ships inside this library: LeNet-5 trained on MNIST with distortions (see models/README.md).</summary>
    public static TrainedModel LoadBundled()
    {
        using var stream = typeof(ModelFile).Assembly.GetManifestResourceStream(BundledResource)
            ?? throw new LeNetException($"the bundled model ({BundledResource}) is missing from this build");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Load(buffer.ToArray(), "bundled model");
    }

    /// <summary>The manifest resource name of the bundled model.</summary>
    public const string BundledResource = "LeNet.bundled-model.lenet";

    private static TrainedModel FromSections(IReadOnlyDictionary<string, byte[]> sections, string path)
    {
        var metadata = ReadMetadata(sections, path);
        var network = CreateWithWeights(metadata.Architecture, sections, path);
        network.eval();
        return new TrainedModel(network, metadata);
    }

    internal static byte[] SerializeWeights(nn.Module network)
    {
        using var buffer = new MemoryStream();
        network.save(buffer);
        return buffer.ToArray();
    }

    internal static ModelMetadata ReadMetadata(IReadOnlyDictionary<string, byte[]> sections, string path)
    {
        if (!sections.TryGetValue(MetadataSection, out var json))
            throw new LeNetException($"{path}: has no '{MetadataSection}' section");
        return Json.FromBytes<ModelMetadata>(json, path, "metadata");
    }

    internal static nn.Module<Tensor, Tensor> CreateWithWeights(string architectureName, IReadOnlyDictionary<string, byte[]> sections, string path)
    {
        if (!sections.TryGetValue(WeightsSection, out var weights))
            throw new LeNetException($"{path}: has no '{WeightsSection}' section");
        var architecture = Architecture.All.FirstOrDefault(a => a.Name == architectureName)
            ?? throw new LeNetException($"{path}: unknown architecture '{architectureName}' (this build knows {string.Join(", ", Architecture.All.Select(a => a.Name))})");
        var network = architecture.Create();
        try
        {
            using var stream = new MemoryStream(weights, writable: false);
            network.load(stream, strict: true);
            return network;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or FormatException or NotImplementedException)
        {
            network.Dispose();
            throw new LeNetException($"{path}: its weights do not fit the '{architectureName}' architecture ({e.Message.TrimEnd('.')})", e);
        }
    }
}
