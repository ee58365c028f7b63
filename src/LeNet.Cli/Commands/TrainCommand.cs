using System.CommandLine;
using LeNet.Cli.Rendering;
using LeNet.Data;
using LeNet.Models;
using LeNet.Training;
using Spectre.Console;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet train</c>: maps flags onto <see cref="TrainingOptions"/> and runs a <see cref="TrainingSession"/>.</summary>
internal static class TrainCommand
{
    /// <summary>Batches per epoch under <c>--dry-run</c>: enough to exercise every step, done in seconds.</summary>
    private const int DryRunBatches = 10;

    public static Command Create(CliContext context)
    {
        var defaults = new TrainingOptions();
        var architecture = SharedOptions.Architecture();
        var dataset = new Option<string>("--dataset") { Description = "mnist, fashion-mnist or math (MNIST's digits plus generated + − × ÷ / = ( ); needs --generated).", DefaultValueFactory = _ => defaults.Dataset };
        var generated = new Option<int>("--generated") { Description = "Add this many generated handwritten characters per class (training writers and fonts; a tenth as many of other styles join validation).", DefaultValueFactory = _ => defaults.Generated };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training set.", DefaultValueFactory = _ => defaults.Epochs };
        var batchSize = new Option<int>("--batch-size") { Description = "Examples per step.", DefaultValueFactory = _ => defaults.BatchSize };
        var optimizer = new Option<OptimizerKind>("--optimizer") { Description = "adam, sgd or sdlm (the paper's stochastic diagonal Levenberg–Marquardt).", DefaultValueFactory = _ => defaults.Optimizer };
        var learningRate = new Option<double>("--lr") { Description = "Learning rate (peak rate for onecycle).", DefaultValueFactory = _ => defaults.LearningRate };
        var momentum = new Option<double>("--momentum") { Description = "SGD momentum.", DefaultValueFactory = _ => defaults.Momentum };
        var compute = new Option<ComputePath>("--compute") { Description = "fast (LeNet-5's fused SIMD kernels; default) or plain (one TorchSharp operation per layer).", DefaultValueFactory = _ => defaults.Compute };
        var damping = new Option<double>("--damping") { Description = "μ of sdlm (the paper's 0.02).", DefaultValueFactory = _ => defaults.Damping };
        var warmupDamping = new Option<double>("--warmup-damping") { Description = "μ of sdlm during the first --warmup-passes passes.", DefaultValueFactory = _ => defaults.WarmupDamping };
        var warmupPasses = new Option<int>("--warmup-passes") { Description = "Passes of sdlm with --warmup-damping before --damping applies.", DefaultValueFactory = _ => defaults.WarmupPasses };
        var curvature = new Option<CurvatureKind>("--curvature") { Description = "How sdlm estimates curvature: sampled (any network) or backpropagated (the paper's own; --arch paper).", DefaultValueFactory = _ => defaults.Curvature };
        var weightDecay = new Option<double>("--weight-decay") { Description = "L2 weight decay.", DefaultValueFactory = _ => defaults.WeightDecay };
        var schedule = new Option<ScheduleKind>("--schedule") { Description = "none, step, onecycle or paper (the paper's per-pass rates).", DefaultValueFactory = _ => defaults.Schedule };
        var augment = new Option<AugmentationKind>("--augment") { Description = "Distort training batches: none, affine (LeCun 1998), elastic (Simard 2003), thickness (stroke width by morphology), or several joined by commas.", DefaultValueFactory = _ => defaults.Augment };
        var outlierExposure = new Option<bool>("--outlier-exposure") { Description = "Also train on rendered letters and symbols labelled 'not a digit', so non-digits come back unsure." };
        var rejectOutput = new Option<bool>("--reject-output") { Description = "With --outlier-exposure: train the outliers as one extra output meaning 'none of these' (what the line reader compares readings by) instead of a uniform prediction." };
        var seed = new Option<long>("--seed") { Description = "Seed for weights, split and shuffling.", DefaultValueFactory = _ => defaults.Seed };
        var validation = new Option<int>("--val-split") { Description = "Training examples held out for validation.", DefaultValueFactory = _ => defaults.ValidationCount };
        var threads = SharedOptions.Threads();
        var device = new Option<string>("--device") { Description = "cpu or cuda.", DefaultValueFactory = _ => defaults.Device };
        var output = new Option<string?>("--out") { Description = "Run folder (default: runs/<dataset>-<arch>)." };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its checkpoint." };
        var dryRun = new Option<bool>("--dry-run") { Description = $"One epoch of {DryRunBatches} batches: checks the whole pipeline in seconds." };
        var maxBatches = new Option<int?>("--max-batches") { Description = "Stop each epoch after this many batches (quick experiments)." };
        var data = SharedOptions.Data();
        var fonts = SharedOptions.Fonts();
        var tensorboard = new Option<string?>("--tensorboard") { Description = "Also write TensorBoard logs (scalars, learning rate, weight histograms, sample images) to this folder." };
        var noReport = new Option<bool>("--no-report") { Description = "Skip report.html and the evaluation pictures at the end." };

        var command = new Command("train", "Train a network and save the model, metrics, curves and checkpoints.")
        {
            architecture, dataset, generated, epochs, batchSize, optimizer, learningRate, momentum, damping, warmupDamping, warmupPasses, curvature, weightDecay, schedule, augment, outlierExposure, rejectOutput, seed,
            validation, compute, threads, device, output, resume, dryRun, maxBatches, data, fonts, tensorboard, noReport,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var isDryRun = parse.GetValue(dryRun);
            var options = new TrainingOptions
            {
                Architecture = parse.GetValue(architecture)!,
                Dataset = parse.GetValue(dataset)!,
                Generated = parse.GetValue(generated),
                Epochs = isDryRun ? 1 : parse.GetValue(epochs),
                BatchSize = parse.GetValue(batchSize),
                Optimizer = parse.GetValue(optimizer),
                LearningRate = parse.GetValue(learningRate),
                Momentum = parse.GetValue(momentum),
                Damping = parse.GetValue(damping),
                WarmupDamping = parse.GetValue(warmupDamping),
                WarmupPasses = parse.GetValue(warmupPasses),
                Curvature = parse.GetValue(curvature),
                Compute = parse.GetValue(compute),
                WeightDecay = parse.GetValue(weightDecay),
                Schedule = parse.GetValue(schedule),
                Augment = parse.GetValue(augment),
                OutlierExposure = parse.GetValue(outlierExposure),
                RejectOutput = parse.GetValue(rejectOutput),
                Seed = parse.GetValue(seed),
                ValidationCount = parse.GetValue(validation),
                Threads = parse.GetValue(threads),
                Device = parse.GetValue(device)!,
                MaxBatchesPerEpoch = isDryRun ? DryRunBatches : parse.GetValue(maxBatches),
            }.Validate();
            var folder = parse.GetValue(output) ?? Path.Combine("runs", $"{options.Dataset}-{options.Architecture}");
            var view = new TrainingView(context.Console);
            var loader = new DatasetLoader(context.DataOptions(parse.GetValue(data), parse.GetValue(fonts)), view.Logger);
            ITrainingObserver observer = parse.GetValue(tensorboard) is { } logs ? new CompositeObserver(view, new TensorBoardLog(logs)) : view;
            var session = new TrainingSession(loader, observer);
            var result = await Task.Run(() => view.Show(() => session.Run(options, folder, parse.GetValue(resume), cancellationToken)), CancellationToken.None);
            view.Finished(result);
            if (result.Completed && !parse.GetValue(noReport))
                view.Reported(WriteReport(result, loader));
            return result.Completed ? 0 : 130;
        });
        return command;
    }

    private static string WriteReport(TrainingResult result, DatasetLoader loader)
    {
        using var model = Models.ModelFile.Load(result.Folder.Model);
        var dataset = DatasetInfo.FromName(model.Metadata.Dataset);
        using var split = loader.Load(dataset);
        return Reporting.RunReport.Write(result.Folder, model, TestSetEvaluation.Run(model, dataset, split.Test), result.History);
    }
}
