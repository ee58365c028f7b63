using LeNet.IO;
using LeNet.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>
/// A resumable snapshot of a run: model weights, optimizer state, options and progress, in one atomically written
/// file. Loading needs only the path (the options travel inside).
/// </summary>
public sealed record Checkpoint(ModelMetadata Metadata, CheckpointProgress Progress, byte[] Weights, byte[] OptimizerState)
{
    private const string OptimizerSection = "optimizer";
    private const string ProgressSection = "progress";

    /// <summary>The run's options.</summary>
    public TrainingOptions Options => Metadata.TrainingOptions() ?? throw new InvalidOperationException("checkpoint without options");

    /// <summary>Captures the current state of a run.</summary>
    public static Checkpoint Capture(ModelMetadata metadata, CheckpointProgress progress, nn.Module network, OptimizerHelper optimizer)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            optimizer.save_state_dict(writer);
        return new Checkpoint(metadata, progress, ModelFile.SerializeWeights(network), buffer.ToArray());
    }

    /// <summary>Writes the checkpoint atomically.</summary>
    public void Save(string path) => SectionFile.Write(path,
    [
        (ModelFileContent.MetadataSection, Json.ToBytes(Metadata)),
        (ProgressSection, Json.ToBytes(Progress)),
        (ModelFileContent.WeightsSection, Weights),
        (OptimizerSection, OptimizerState),
    ]);

    /// <summary>Reads a checkpoint, verifying its checksums.</summary>
    /// <exception cref="LeNetException">The file is missing or damaged.</exception>
    public static Checkpoint Load(string path)
    {
        var sections = SectionFile.Read(path, "checkpoint");
        var metadata = ModelFileContent.ReadMetadata(sections, path);
        if (metadata.Training is not { ValueKind: System.Text.Json.JsonValueKind.Object } || !sections.TryGetValue(ProgressSection, out var progress) ||
            !sections.TryGetValue(OptimizerSection, out var optimizerState) || !sections.ContainsKey(ModelFileContent.WeightsSection))
            throw new LeNetException($"{path}: not a training checkpoint (a section is missing)");
        return new Checkpoint(metadata, Json.FromBytes<CheckpointProgress>(progress, path, "progress"),
            sections[ModelFileContent.WeightsSection], optimizerState);
    }

    /// <summary>Loads the saved weights and optimizer state into a freshly built network and optimizer.</summary>
    public void Restore(nn.Module network, OptimizerHelper optimizer)
    {
        using (var weights = new MemoryStream(Weights, writable: false))
            network.load(weights, strict: true);
        using var state = new BinaryReader(new MemoryStream(OptimizerState, writable: false));
        optimizer.load_state_dict(state);
    }
}
