using System.Diagnostics;
using LeNet.Data;
using LeNet.Models;
using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>
/// A whole training run, as pytorch/examples' <c>main()</c> reads: the setup built in one place (<see cref="RunSetup"/>),
/// then the epoch loop; plus the checkpoint after every epoch (and on interruption), metrics and the final model file.
/// </summary>
public sealed class TrainingSession(DatasetLoader dataLoader, ITrainingObserver observer)
{
    /// <summary>
    /// Trains into <paramref name="outputFolder"/>; with <paramref name="resume"/>, continues its checkpoint under the
    /// <see cref="ResumeRule"/>: of <paramref name="requested"/>, the options named in <paramref name="typed"/> (by
    /// default none: the checkpoint's options throughout) are taken where the rule allows.
    /// </summary>
    /// <exception cref="LeNetException">Bad options, missing data, a locked or unwritable folder, a damaged checkpoint, a diverging loss.</exception>
    public TrainingResult Run(TrainingOptions requested, string outputFolder, bool resume, CancellationToken cancellationToken = default,
        IReadOnlyCollection<string>? typed = null)
    {
        var folder = new RunFolder(outputFolder);
        using var runLock = RunLock.Acquire(folder.Path);
        var checkpoint = resume ? LoadCheckpoint(folder) : null;
        var resumption = checkpoint is null ? null : ResumeRule.Apply(checkpoint.Options, requested, typed ?? []);
        var options = (resumption?.Options ?? requested).Validate();
        if (checkpoint is not null && checkpoint.Progress.History.Count > options.Epochs)
            throw new LeNetException($"--epochs: the run in {folder.Path} has finished {checkpoint.Progress.History.Count} epochs already (asked for {options.Epochs})");
        using var setup = RunSetup.Create(options, checkpoint, dataLoader, cancellationToken);
        options = setup.Options;
        observer.RunStarting(new RunStart(options, ModelSummary.Of(options.Architecture, setup.Model), setup.Splits.Origin,
            setup.Data.Train.Count, setup.Data.Validation.Count, setup.Data.Test.Count, setup.Progress.Epoch, setup.Compute.Cores, setup.SampleImages())
        {
            Resumed = resumption,
        });

        var history = setup.Progress.History.ToList();
        var metadata = Metadata(setup, history);
        var trainingSeconds = 0.0;
        for (var epoch = setup.Progress.Epoch; epoch <= options.Epochs; epoch++)
        {
            var resumed = epoch == setup.Progress.Epoch ? setup.Progress : new CheckpointProgress(epoch, EpochTally.Empty, history);
            var clock = Stopwatch.StartNew();
            var tally = TrainEpoch(setup, epoch, resumed.Tally, cancellationToken);
            var seconds = resumed.SecondsSoFar + clock.Elapsed.TotalSeconds;
            trainingSeconds += clock.Elapsed.TotalSeconds;
            if (tally.Batches < setup.Batches.BatchesPerEpoch)
            {
                Checkpoint.Capture(metadata, new CheckpointProgress(epoch, tally, history, seconds), setup.Model, setup.Optimizer).Save(folder.Checkpoint);
                return new TrainingResult(false, history, folder, trainingSeconds);
            }
            var measured = Measure(setup, epoch, tally, seconds);
            CollapseGuard.Check(history, measured, setup.Classes);
            history.Add(measured);
            metadata = Metadata(setup, history);
            Checkpoint.Capture(metadata, new CheckpointProgress(epoch + 1, EpochTally.Empty, history), setup.Model, setup.Optimizer).Save(folder.Checkpoint);
            folder.WriteMetrics(history);
            observer.MetricsWritten(folder, history, $"{options.Architecture} on {setup.Dataset.DisplayName}");
            observer.EpochCompleted(history[^1]);
            observer.WeightsUpdated(epoch, setup.Model);
        }
        ModelFile.Save(folder.Model, setup.Model, metadata with { Temperature = Calibrate(setup.Model, setup.Data.Validation), Shapes = setup.Generated?.Shapes });
        return new TrainingResult(true, history, folder, trainingSeconds);
    }

    /// <summary>Trains <paramref name="epoch"/> from <paramref name="tally"/> on; stops when the loss stops being a number.</summary>
    private EpochTally TrainEpoch(RunSetup setup, int epoch, EpochTally tally, CancellationToken cancellationToken)
    {
        observer.EpochStarting(epoch, setup.Batches.BatchesPerEpoch);
        if (setup.Optimizer is DiagonalLevenbergMarquardt sdlm)
        {
            sdlm.Damping = setup.Options.DampingInPass(epoch);
            if (tally.Batches == 0)
                EstimateCurvature(sdlm, setup, epoch);
        }
        try
        {
            return setup.Trainer.TrainEpoch(setup.Batches.Epoch(epoch, skip: tally.Batches), tally,
                t => observer.BatchCompleted(epoch, t.Batches, t.Loss, t.Accuracy), cancellationToken);
        }
        catch (TrainingDivergedException e)
        {
            throw new LeNetException($"training diverged in epoch {epoch}: {e.Message}. Nothing of this epoch was saved (the run's " +
                                     "files still hold the last finished epoch); try a lower --lr, or a larger --damping with sdlm", e);
        }
    }

    /// <summary>The finished epoch's metrics, on the validation and test sets.</summary>
    private static EpochMetrics Measure(RunSetup setup, int epoch, EpochTally tally, double seconds)
    {
        var validation = Evaluate(setup, setup.Data.Validation);
        var test = Evaluate(setup, setup.Data.Test);
        return new EpochMetrics(epoch, tally.Loss, tally.Accuracy, validation.Loss, validation.Accuracy,
            test.Loss, test.Accuracy, OptimizerFactory.CurrentLearningRate(setup.Optimizer), seconds, tally.Examples / seconds);
    }

    /// <summary>The run's network on <paramref name="set"/>: on the fused kernels when it trains on them, else on TorchSharp.</summary>
    private static EvaluationResult Evaluate(RunSetup setup, LabelledTensors set) =>
        set.Count == 0
            ? new EvaluationResult(double.NaN, double.NaN, [], [], [])
            : setup.Trainer.Fused?.Evaluate(set.Inputs, set.Labels)
              ?? Evaluator.Evaluate(setup.Model, set.Inputs, set.Labels, setup.Criterion, classes: setup.Classes);

    /// <summary>The curvature for the coming pass, from 500 training examples drawn for it (seeded); on the fused kernels when the run trains on them.</summary>
    private static void EstimateCurvature(DiagonalLevenbergMarquardt optimizer, RunSetup setup, int epoch)
    {
        using var scope = NewDisposeScope();
        var (inputs, options) = (setup.Data.Train.Inputs, setup.Options);
        using var generator = new Generator((ulong)SeedStream.Of(options.Seed, epoch) ^ 0xC0FFEE);
        var chosen = randperm(inputs.shape[0], generator: generator).narrow(0, 0, Math.Min(inputs.shape[0], CurvatureEstimator.PaperSampleSize));
        var examples = inputs.index_select(0, chosen);
        optimizer.SetCurvature(setup.Trainer.Fused is { } fused && options.Curvature == CurvatureKind.Sampled
            ? fused.Curvature(examples, generator)
            : CurvatureEstimator.Estimate(setup.Model, examples, generator, options.Curvature));
    }

    /// <summary>The softmax temperature that calibrates confidences on the validation split (1 without one).</summary>
    private static double Calibrate(nn.Module<Tensor, Tensor> model, LabelledTensors validation)
    {
        if (validation.Count == 0)
            return 1;
        var logits = Evaluator.Logits(model, validation.Inputs);
        return TemperatureScaling.Fit(logits, validation.LabelArray(), (int)(logits.Length / validation.Count));
    }

    private static Checkpoint LoadCheckpoint(RunFolder folder) =>
        File.Exists(folder.Checkpoint)
            ? Checkpoint.Load(folder.Checkpoint)
            : throw new LeNetException($"--resume: {folder.Checkpoint} does not exist; there is no run to resume in {folder.Path}");

    private static ModelMetadata Metadata(RunSetup setup, IReadOnlyList<EpochMetrics> history)
    {
        var last = history.Count > 0 ? history[^1] : null;
        return new ModelMetadata(setup.Options.Architecture, setup.Dataset.Name, setup.Dataset.ClassNames, [1, 28, 28], setup.Normalization,
            last?.TestAccuracy, last?.TestLoss, last?.ValidationAccuracy, history.Count, DateTimeOffset.UtcNow,
            ModelMetadata.CurrentProjectVersion, TrainingRecord.TorchSharpVersion, setup.Options.ToRecord(), RejectOutput: setup.Options.RejectOutput);
    }
}
