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

    /// <summary>
    /// Saves <paramref name="network"/> and <paramref name="metadata"/> to <paramref name="path"/>; an ensemble's
    /// members go into sections weights, weights.1, weights.2 …, their temperatures into the metadata.
    /// </summary>
    public static void Save(string path, nn.Module<Tensor, Tensor> network, ModelMetadata metadata)
    {
        if (network is not EnsembleNetwork ensemble)
        {
            SectionFile.Write(path, [(MetadataSection, Json.ToBytes(metadata with { MemberTemperatures = null })), (WeightsSection, SerializeWeights(network))]);
            return;
        }
        var sections = new List<(string, byte[])> { (MetadataSection, Json.ToBytes(metadata with { MemberTemperatures = ensemble.Temperatures, Temperature = 1 })) };
        sections.AddRange(ensemble.Members.Select((member, i) => (WeightsSectionOf(i), SerializeWeights(member))));
        SectionFile.Write(path, sections);
    }

    /// <summary>The section holding member <paramref name="index"/>'s weights.</summary>
    private static string WeightsSectionOf(int index) => index == 0 ? WeightsSection : $"{WeightsSection}.{index}";

    /// <summary>Loads a model file, in evaluation mode.</summary>
    /// <exception cref="LeNetException">The file is missing, damaged, foreign, or its weights do not fit its architecture.</exception>
    public static TrainedModel Load(string path) => FromSections(SectionFile.Read(path, "model file"), path);

    /// <summary>Loads a model file already in memory; <paramref name="label"/> names it in messages.</summary>
    /// <exception cref="LeNetException">The content is damaged, foreign, or its weights do not fit its architecture.</exception>
    public static TrainedModel Load(byte[] content, string label) => FromSections(SectionFile.Parse(content, label, "model file"), label);

    /// <summary>A model that ships inside this library (see models/README.md): by default the digit reader.</summary>
    public static TrainedModel LoadBundled(BundledModel model = BundledModel.Digits)
    {
        var resource = ResourceOf(model);
        using var stream = typeof(ModelFile).Assembly.GetManifestResourceStream(resource)
            ?? throw new LeNetException($"the bundled {model.ToString().ToLowerInvariant()} model ({resource}) is missing from this build");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Load(buffer.ToArray(), $"bundled {model.ToString().ToLowerInvariant()} model");
    }

    /// <summary>The manifest resource name of the bundled digit model.</summary>
    public const string BundledResource = "LeNet.bundled-model.lenet";

    /// <summary>The manifest resource name of the bundled digits-and-symbols model.</summary>
    public const string BundledMathResource = "LeNet.bundled-math-model.lenet";

    private static string ResourceOf(BundledModel model) => model == BundledModel.Math ? BundledMathResource : BundledResource;

    private static TrainedModel FromSections(IReadOnlyDictionary<string, byte[]> sections, string path)
    {
        var metadata = ReadMetadata(sections, path);
        if (metadata.Members is < 1 or > MaxMembers)
            throw new LeNetException($"{path}: an ensemble of {metadata.Members} networks (at most {MaxMembers} are read)");
        var members = Enumerable.Range(0, metadata.Members).Select(i => CreateWithWeights(metadata.Architecture, metadata.Outputs, sections, path, WeightsSectionOf(i))).ToList();
        nn.Module<Tensor, Tensor> network = members.Count == 1 ? members[0] : new EnsembleNetwork(members, metadata.MemberTemperatures!);
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

    /// <summary>Most networks in one ensemble file: beyond this a file is damaged or hostile, not useful.</summary>
    public const int MaxMembers = 16;

    internal static nn.Module<Tensor, Tensor> CreateWithWeights(string architectureName, int classes, IReadOnlyDictionary<string, byte[]> sections, string path,
        string section = WeightsSection)
    {
        if (!sections.TryGetValue(section, out var weights))
            throw new LeNetException($"{path}: has no '{section}' section");
        var architecture = Architecture.All.FirstOrDefault(a => a.Name == architectureName)
            ?? throw new LeNetException($"{path}: unknown architecture '{architectureName}' (this build knows {string.Join(", ", Architecture.All.Select(a => a.Name))})");
        nn.Module<Tensor, Tensor> network;
        try
        {
            network = architecture.Create(classes);
        }
        catch (LeNetException e)
        {
            throw new LeNetException($"{path}: {e.Message}", e);
        }
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
