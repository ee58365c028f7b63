using LeNet.IO;
using static TorchSharp.torch;

namespace LeNet.Models;

/// <summary>
/// Model files (<c>.lenet</c>, laid out by <see cref="ModelFileContent"/>) to and from TorchSharp networks: saving
/// writes atomically; loading checks every checksum and weight before building the network.
/// </summary>
public static class ModelFile
{
    /// <summary>
    /// Saves <paramref name="network"/> and <paramref name="metadata"/> to <paramref name="path"/>; an ensemble's
    /// members go into sections weights, weights.1, weights.2 …, their temperatures into the metadata.
    /// </summary>
    public static void Save(string path, nn.Module<Tensor, Tensor> network, ModelMetadata metadata) =>
        SectionFile.Write(path, Sections(network, metadata));

    /// <summary>The bytes <see cref="Save"/> would write, for keeping a model in memory (<see cref="ModelFileContent.Parse"/> reads them).</summary>
    public static byte[] ToBytes(nn.Module<Tensor, Tensor> network, ModelMetadata metadata) => SectionFile.ToBytes(Sections(network, metadata));

    private static List<(string, byte[])> Sections(nn.Module<Tensor, Tensor> network, ModelMetadata metadata)
    {
        if (network is not EnsembleNetwork ensemble)
            return [(ModelFileContent.MetadataSection, Json.ToBytes(metadata with { MemberTemperatures = null })), (ModelFileContent.WeightsSection, SerializeWeights(network))];
        var sections = new List<(string, byte[])> { (ModelFileContent.MetadataSection, Json.ToBytes(metadata with { MemberTemperatures = ensemble.Temperatures, Temperature = 1 })) };
        sections.AddRange(ensemble.Members.Select((member, i) => (ModelFileContent.WeightsSectionOf(i), SerializeWeights(member))));
        return sections;
    }

    /// <summary>
    /// The TorchSharp network of a model file read without TorchSharp (<see cref="ModelFileContent"/>, as a
    /// <c>DigitRecognizer</c> holds it), in evaluation mode: the same weights, ready to be trained further.
    /// </summary>
    /// <exception cref="LeNetException">A weight is missing or has another shape than the architecture's.</exception>
    public static TrainedModel FromContent(ModelFileContent content, string label)
    {
        var metadata = content.Metadata;
        var members = content.Members.Select(weights => WithWeights(metadata.Architecture, metadata.Outputs, weights, label)).ToList();
        nn.Module<Tensor, Tensor> network = members.Count == 1 ? members[0] : new EnsembleNetwork(members, metadata.MemberTemperatures!);
        network.eval();
        return new TrainedModel(network, metadata);
    }

    private static nn.Module<Tensor, Tensor> WithWeights(string architectureName, int outputs, IReadOnlyDictionary<string, WeightTensor> weights, string label)
    {
        var architecture = Architecture.FromName(architectureName);
        var network = architecture.Create(outputs);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in network.state_dict())
        {
            if (!weights.TryGetValue(name, out var weight) || !weight.Shape.Select(d => (long)d).SequenceEqual(parameter.shape))
            {
                network.Dispose();
                throw new LeNetException($"{label}: weight '{name}' is missing or has another shape than the '{architectureName}' architecture's");
            }
            using var values = tensor(weight.Values, parameter.shape);
            parameter.copy_(values);
        }
        return network;
    }

    /// <summary>Loads a model file, in evaluation mode.</summary>
    /// <exception cref="LeNetException">The file is missing, damaged, foreign, or its weights do not fit its architecture.</exception>
    public static TrainedModel Load(string path) => FromSections(SectionFile.Read(path, "model file"), path);

    /// <summary>Loads a model file already in memory; <paramref name="label"/> names it in messages.</summary>
    /// <exception cref="LeNetException">The content is damaged, foreign, or its weights do not fit its architecture.</exception>
    public static TrainedModel Load(byte[] content, string label) => FromSections(SectionFile.Parse(content, label, "model file"), label);

    /// <summary>A model that ships inside LeNet.Recognition (see models/README.md): by default the digit reader.</summary>
    public static TrainedModel LoadBundled(BundledModel model = BundledModel.Digits) =>
        Load(ModelFileContent.BundledBytes(model), ModelFileContent.Name(model));

    private static TrainedModel FromSections(IReadOnlyDictionary<string, byte[]> sections, string path)
    {
        var metadata = ModelFileContent.ReadMetadata(sections, path);
        var members = Enumerable.Range(0, metadata.Members)
            .Select(i => CreateWithWeights(metadata.Architecture, metadata.Outputs, sections, path, ModelFileContent.WeightsSectionOf(i))).ToList();
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

    /// <summary>
    /// A network of <paramref name="architectureName"/> holding the weights of <paramref name="section"/>, which are
    /// first checked to be well formed and finite.
    /// </summary>
    internal static nn.Module<Tensor, Tensor> CreateWithWeights(string architectureName, int classes, IReadOnlyDictionary<string, byte[]> sections, string path,
        string section = ModelFileContent.WeightsSection)
    {
        if (!sections.TryGetValue(section, out var weights))
            throw new LeNetException($"{path}: has no '{section}' section");
        TorchSharpWeights.Parse(weights, path);
        var architecture = Architecture.Find(architectureName)
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
