using LeNet.Data;
using LeNet.Training;
using static TorchSharp.torch;

namespace LeNet.Adaptation;

/// <summary>
/// One member's fine-tuning batches: the writer's examples drawn with replacement and distorted, then rehearsed
/// examples, then non-characters labelled with the reject output — all seeded, so a tuning can be repeated. Targets
/// are distributions over the network's outputs: one-hot for the writer's examples and the non-characters, and for
/// rehearsed examples what the network answered before tuning (<paramref name="rehearsal"/>'s targets), so rehearsal
/// keeps the whole function the network had, not only its top answers. The reject output, when there is one, is the
/// last (<paramref name="rejectLabel"/>, one past the classes).
/// </summary>
internal sealed class TuningBatches(LabelledTensors user, (Tensor Inputs, Tensor Targets)? rehearsal, Tensor? outliers, int rejectLabel,
    AdaptOptions options, double background, int member)
{
    /// <summary>The network's outputs: the classes, and the reject output when non-characters are rehearsed.</summary>
    private readonly long _outputs = rejectLabel + (outliers is null ? 0 : 1);

    private readonly Generator _generator = new((ulong)SeedStream.Of(options.Seed, member + 1));
    private readonly Augmenter _augmenter = new(AugmentationKind.Affine, SeedStream.Of(options.Seed, member + 101), background);

    /// <summary>The inputs and target distributions of step <paramref name="step"/>, in the caller's dispose scope.</summary>
    public (Tensor Inputs, Tensor Targets) Next(int step)
    {
        var picks = randint(user.Count, [options.ExamplesPerBatch], generator: _generator);
        var inputs = new List<Tensor> { _augmenter.Apply(user.Inputs.index_select(0, picks), member + 1, step) };
        var targets = new List<Tensor> { OneHot(user.Labels.index_select(0, picks)) };
        if (rehearsal is var (rehearsalInputs, rehearsalTargets) && options.RehearsalPerBatch > 0)
        {
            var rehearsed = randint(rehearsalInputs.shape[0], [options.RehearsalPerBatch], generator: _generator);
            inputs.Add(rehearsalInputs.index_select(0, rehearsed));
            targets.Add(rehearsalTargets.index_select(0, rehearsed));
        }
        if (outliers is not null)
        {
            var count = Math.Max(1, (options.ExamplesPerBatch + options.RehearsalPerBatch) / 8);
            inputs.Add(outliers.index_select(0, randint(outliers.shape[0], [count], generator: _generator)));
            targets.Add(OneHot(full([count], (long)rejectLabel, ScalarType.Int64)));
        }
        return (cat(inputs), cat(targets));
    }

    private Tensor OneHot(Tensor labels) => nn.functional.one_hot(labels, _outputs).to(ScalarType.Float32);
}
