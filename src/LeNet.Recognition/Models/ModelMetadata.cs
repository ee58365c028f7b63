using System.Text.Json;

namespace LeNet.Models;

/// <summary>What a model file says about its network, so every later command needs only the file's path.</summary>
/// <param name="Architecture">The architecture name (<c>lenet5</c>, <c>paper</c>, …).</param>
/// <param name="Dataset">The dataset it was trained on.</param>
/// <param name="ClassNames">Label names in output order.</param>
/// <param name="InputShape">One input's shape: channels, height, width.</param>
/// <param name="Normalization">How byte pixels become inputs.</param>
/// <param name="TestAccuracy">Accuracy on the dataset's test set when saved, as a fraction.</param>
/// <param name="TestLoss">Mean cross-entropy on the test set when saved.</param>
/// <param name="ValidationAccuracy">Accuracy on the held-out validation split when saved.</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="CreatedUtc">When the file was written.</param>
/// <param name="ProjectVersion">The LeNet.NET version that wrote it.</param>
/// <param name="TorchSharpVersion">The TorchSharp version that wrote it.</param>
/// <param name="Training">The run's full settings, seed included, as the training package wrote them (its <c>TrainingOptions</c>).</param>
/// <param name="Temperature">Softmax temperature from calibration (1 when uncalibrated).</param>
/// <param name="Shapes">How tall each class is and where it sits on a line, for reading lines (null: no such knowledge).</param>
/// <param name="MemberTemperatures">
/// For an ensemble (several networks whose calibrated probabilities are averaged): each member's softmax temperature, in the order of the weight
/// sections. Null for a single network.
/// </param>
/// <param name="RejectOutput">
/// Whether the network has one more output than classes, meaning "none of these" (trained on non-characters: letters,
/// blots, neighbours taken together, characters cut in two). Class probabilities then sum to one minus its probability.
/// </param>
/// <param name="Adapted">For a fine-tuned model: what it was tuned from and on (null for a model trained from scratch).</param>
public sealed record ModelMetadata(
    string Architecture,
    string Dataset,
    IReadOnlyList<string> ClassNames,
    int[] InputShape,
    Normalization Normalization,
    double? TestAccuracy,
    double? TestLoss,
    double? ValidationAccuracy,
    int Epochs,
    DateTimeOffset CreatedUtc,
    string ProjectVersion,
    string TorchSharpVersion,
    JsonElement? Training,
    double Temperature = 1.0,
    Inference.ShapePrior? Shapes = null,
    bool RejectOutput = false,
    IReadOnlyList<double>? MemberTemperatures = null,
    AdaptationRecord? Adapted = null)
{
    /// <summary>How many networks read together: 1, or the members of an ensemble.</summary>
    public int Members => MemberTemperatures?.Count ?? 1;

    /// <summary>The network's outputs: the classes, and the reject output when there is one.</summary>
    public int Outputs => ClassNames.Count + (RejectOutput ? 1 : 0);

    /// <summary>This build's version, as written into files.</summary>
    public static string CurrentProjectVersion =>
        typeof(ModelMetadata).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
