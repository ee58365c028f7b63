using System.CommandLine;
using LeNet.Data;
using LeNet.Models;
using LeNet.Training;
using static LeNet.Cli.Commands.TrainingFlag;

namespace LeNet.Cli.Commands;

/// <summary>
/// Every <c>lenet train</c> flag that sets a <see cref="TrainingOptions"/> property, declared once: this table builds
/// the command's options and the options record. A new training setting is one line here.
/// </summary>
internal static class TrainingFlags
{
    public static IReadOnlyList<TrainingFlag> All { get; } =
    [
        For("--arch", $"Network: {string.Join(", ", Architecture.All.Select(a => a.Name))}.", o => o.Architecture, (o, v) => o with { Architecture = v }),
        For("--dataset", "mnist, fashion-mnist or math (MNIST's digits plus generated + − × ÷ / = ( ); needs --generated).", o => o.Dataset, (o, v) => o with { Dataset = v }),
        For("--images", "Train on a folder of labelled images instead of --dataset: a sub-folder per class (0 … 9, letters, symbols), any format predict reads; DIR/train and DIR/test when both exist, else a tenth of each class is tested and a tenth validates.", o => o.Images, (o, v) => o with { Images = v }),
        For("--generated", "Add this many generated handwritten characters per class (training writers and fonts; a tenth as many of other styles join validation).", o => o.Generated, (o, v) => o with { Generated = v }),
        For("--epochs", "Passes over the training set.", o => o.Epochs, (o, v) => o with { Epochs = v }),
        For("--batch-size", "Examples per step.", o => o.BatchSize, (o, v) => o with { BatchSize = v }),
        For("--optimizer", "adam, sgd or sdlm (the paper's stochastic diagonal Levenberg–Marquardt).", o => o.Optimizer, (o, v) => o with { Optimizer = v }),
        For("--lr", "Learning rate (peak rate for onecycle).", o => o.LearningRate, (o, v) => o with { LearningRate = v }),
        For("--momentum", "SGD momentum.", o => o.Momentum, (o, v) => o with { Momentum = v }),
        For("--damping", "μ of sdlm (the paper's 0.02).", o => o.Damping, (o, v) => o with { Damping = v }),
        For("--warmup-damping", "μ of sdlm during the first --warmup-passes passes.", o => o.WarmupDamping, (o, v) => o with { WarmupDamping = v }),
        For("--warmup-passes", "Passes of sdlm with --warmup-damping before --damping applies.", o => o.WarmupPasses, (o, v) => o with { WarmupPasses = v }),
        For("--damping-decay", "sdlm's μ falls geometrically from --warmup-damping to --damping over the --warmup-passes passes instead of switching after them.", o => o.DampingDecay, (o, v) => o with { DampingDecay = v }),
        For("--curvature", "How sdlm estimates curvature: sampled (any network) or backpropagated (the paper's own; --arch paper).", o => o.Curvature, (o, v) => o with { Curvature = v }),
        For("--weight-decay", "L2 weight decay.", o => o.WeightDecay, (o, v) => o with { WeightDecay = v }),
        For("--schedule", "none, step, onecycle or paper (the paper's per-pass rates).", o => o.Schedule, (o, v) => o with { Schedule = v }),
        For("--augment", "Distort training batches: none, affine (LeCun 1998), elastic (Simard 2003), thickness (stroke width by morphology), or several joined by commas.", o => o.Augment, (o, v) => o with { Augment = v }),
        For("--outlier-exposure", "Also train on rendered letters and symbols labelled 'not a digit', so non-digits come back unsure.", o => o.OutlierExposure, (o, v) => o with { OutlierExposure = v }),
        For("--reject-output", "With --outlier-exposure: train the outliers as one extra output meaning 'none of these' (what the line reader compares readings by) instead of a uniform prediction.", o => o.RejectOutput, (o, v) => o with { RejectOutput = v }),
        For("--seed", "Seed for weights, split and shuffling.", o => o.Seed, (o, v) => o with { Seed = v }),
        For("--val-split", "Training examples held out for validation.", o => o.ValidationCount, (o, v) => o with { ValidationCount = v }),
        For("--compute", "fast (LeNet-5's fused SIMD kernels; default) or plain (one TorchSharp operation per layer).", o => o.Compute, (o, v) => o with { Compute = v }),
        For("--threads", "Cores used (0 = one per core).", o => o.Threads, (o, v) => o with { Threads = v }),
        For("--device", "cpu or cuda.", o => o.Device, (o, v) => o with { Device = v }),
        For("--max-batches", "Stop each epoch after this many batches (quick experiments).", o => o.MaxBatchesPerEpoch, (o, v) => o with { MaxBatchesPerEpoch = v }),
    ];

    /// <summary>
    /// The options the flags on the command line describe: the typed ones over the architecture's own defaults
    /// (<see cref="ArchitectureDefaults"/>: the paper's network trains the paper's way unless told otherwise).
    /// </summary>
    public static TrainingOptions Options(ParseResult parse)
    {
        var architecture = All.Single(f => f.Property == nameof(TrainingOptions.Architecture)).Apply(new TrainingOptions(), parse).Architecture;
        return All.Where(flag => flag.Typed(parse)).Aggregate(ArchitectureDefaults.For(architecture), (options, flag) => flag.Apply(options, parse));
    }

    /// <summary>The properties whose flags the user typed.</summary>
    public static IReadOnlySet<string> Typed(ParseResult parse) => All.Where(f => f.Typed(parse)).Select(f => f.Property).ToHashSet();

    /// <summary>The flag of <paramref name="property"/>, for messages.</summary>
    public static string FlagOf(string property) => All.FirstOrDefault(f => f.Property == property)?.Option.Name ?? property;
}
