using System.Text.Json;
using LeNet.IO;
using LeNet.Models;

namespace LeNet.Training;

/// <summary>How a model file records the run that trained it: its <see cref="TrainingOptions"/> and TorchSharp version.</summary>
public static class TrainingRecord
{
    /// <summary>The TorchSharp version of this build, as written into files.</summary>
    public static string TorchSharpVersion => typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    /// <summary>The options as the metadata's <see cref="ModelMetadata.Training"/> holds them.</summary>
    public static JsonElement ToRecord(this TrainingOptions options) => JsonSerializer.SerializeToElement(options, Json.Options);

    /// <summary>The options the model was trained with, or null when the file does not say (an export, an ensemble).</summary>
    /// <exception cref="LeNetException">The recorded options are not valid.</exception>
    public static TrainingOptions? TrainingOptions(this ModelMetadata metadata)
    {
        if (metadata.Training is not { ValueKind: JsonValueKind.Object } element)
            return null;
        try
        {
            return element.Deserialize<TrainingOptions>(Json.Options);
        }
        catch (JsonException e)
        {
            throw new LeNetException($"the recorded training options are not valid ({e.Message})", e);
        }
    }
}
