using LeNet.IO;

namespace LeNet.Models;

/// <summary>
/// A model file (<c>.lenet</c>) read without any deep-learning runtime: its metadata and each network's weights
/// (one, or an ensemble's members). Every section's checksum and every weight is checked before anything is used.
/// </summary>
public sealed record ModelFileContent(ModelMetadata Metadata, IReadOnlyList<IReadOnlyDictionary<string, WeightTensor>> Members)
{
    /// <summary>The section holding the metadata JSON.</summary>
    public const string MetadataSection = "metadata";

    /// <summary>The section holding the (first) network's weights.</summary>
    public const string WeightsSection = "weights";

    /// <summary>Most networks in one ensemble file: beyond this a file is damaged or hostile, not useful.</summary>
    public const int MaxMembers = 16;

    /// <summary>The manifest resource name of the bundled digit model.</summary>
    public const string BundledResource = "LeNet.bundled-model.lenet";

    /// <summary>The manifest resource name of the bundled digits-and-symbols model.</summary>
    public const string BundledMathResource = "LeNet.bundled-math-model.lenet";

    /// <summary>The section holding member <paramref name="index"/>'s weights.</summary>
    public static string WeightsSectionOf(int index) => index == 0 ? WeightsSection : $"{WeightsSection}.{index}";

    /// <summary>Reads and checks the model file at <paramref name="path"/>.</summary>
    /// <exception cref="LeNetException">The file is missing, damaged or foreign.</exception>
    public static ModelFileContent Read(string path) => FromSections(SectionFile.Read(path, "model file"), path);

    /// <summary>Reads and checks a model file already in memory; <paramref name="label"/> names it in messages.</summary>
    /// <exception cref="LeNetException">The content is damaged or foreign.</exception>
    public static ModelFileContent Parse(byte[] content, string label) => FromSections(SectionFile.Parse(content, label, "model file"), label);

    /// <summary>The bytes of a model bundled with the library.</summary>
    /// <exception cref="LeNetException">The build lacks it.</exception>
    public static byte[] BundledBytes(BundledModel model)
    {
        var resource = model == BundledModel.Math ? BundledMathResource : BundledResource;
        using var stream = typeof(ModelFileContent).Assembly.GetManifestResourceStream(resource)
            ?? throw new LeNetException($"the bundled {Name(model)} ({resource}) is missing from this build");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>How messages name a bundled model.</summary>
    public static string Name(BundledModel model) => $"bundled {model.ToString().ToLowerInvariant()} model";

    /// <summary>Reads a model bundled with the library.</summary>
    public static ModelFileContent Bundled(BundledModel model) => Parse(BundledBytes(model), Name(model));

    /// <summary>The metadata of already verified sections.</summary>
    /// <exception cref="LeNetException">There is none, or it is not valid.</exception>
    public static ModelMetadata ReadMetadata(IReadOnlyDictionary<string, byte[]> sections, string path)
    {
        if (!sections.TryGetValue(MetadataSection, out var json))
            throw new LeNetException($"{path}: has no '{MetadataSection}' section");
        var metadata = Json.FromBytes(json, path, "metadata", RecognitionJson.Default.ModelMetadata);
        if (metadata.ClassNames is not { Count: >= 2 } || metadata.Normalization is null || metadata.InputShape is null)
            throw new LeNetException($"{path}: the metadata lacks its classes, input or normalisation");
        if (metadata.Members is < 1 or > MaxMembers)
            throw new LeNetException($"{path}: an ensemble of {metadata.Members} networks (at most {MaxMembers} are read)");
        return metadata;
    }

    private static ModelFileContent FromSections(IReadOnlyDictionary<string, byte[]> sections, string path)
    {
        var metadata = ReadMetadata(sections, path);
        var members = Enumerable.Range(0, metadata.Members).Select(i =>
        {
            var section = WeightsSectionOf(i);
            return sections.TryGetValue(section, out var weights)
                ? TorchSharpWeights.Parse(weights, path)
                : throw new LeNetException($"{path}: has no '{section}' section");
        }).ToList();
        return new ModelFileContent(metadata, members);
    }
}
