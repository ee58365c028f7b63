using System.Diagnostics;
using LeNet.Data;
using LeNet.Models;
using LeNet.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>
/// A whole training run, as pytorch/examples' <c>main()</c> reads: data, model, optimizer, epoch loop; plus the
/// checkpoint after every epoch (and on interruption), metrics, curves and the final model file.
/// </summary>
public sealed class TrainingSession(DatasetLoader dataLoader, ITrainingObserver observer)
{
    /// <summary>Trains into <paramref name="outputFolder"/>; with <paramref name="resume"/>, continues its checkpoint.</summary>
    /// <exception cref="LeNetException">Bad options, missing data, a locked or unwritable folder, a damaged checkpoint.</exception>
    public TrainingResult Run(TrainingOptions requested, string outputFolder, bool resume, CancellationToken cancellationToken = default)
    {
        var folder = new RunFolder(outputFolder);
        using var runLock = RunLock.Acquire(folder.Path);
        var checkpoint = resume ? LoadCheckpoint(folder) : null;
        var options = (checkpoint is null ? requested : checkpoint.Options with { Threads = requested.Threads }).Validate();
        TorchRuntime.EnsureLoaded();
        var device = DeviceSelector.Resolve(options.Device);
        var dataset = DatasetInfo.FromName(options.Dataset);
        var architecture = Architecture.FromName(options.Architecture);
        var normalization = architecture.Input ?? new Normalization(dataset.Mean, dataset.StandardDeviation);
        var criterion = architecture.Criterion;

        using var splits = dataLoader.Load(dataset, cancellationToken);
        using var generated = options.Generated > 0 ? GeneratedData.Create(options, dataset, dataLoader.Fonts(Synthesis.StyleSplit.Train), dataLoader.Logger) : null;
        using var data = PreparedData.Create(splits, options.ValidationCount, options.Seed, normalization, device,
            generated is null ? null : (generated.Train, generated.Validation));

        random.manual_seed(options.Seed);
        var classes = dataset.ClassNames.Count;
        using var model = architecture.Create(classes + (options.RejectOutput ? 1 : 0));
        if (options.Optimizer == OptimizerKind.Sdlm)
            CurvatureEstimator.EnsureAvailable(model, options.Curvature, architecture.Name);
        var network = model as IHasComputePath;
        var path = network is not null && device.type == DeviceType.CPU ? options.Compute : ComputePath.Plain;
        var threads = TorchRuntime.ConfigureThreads(options.Threads, path);
        options = options with { Compute = path }; // what runs, as the run's files and output say
        if (network is not null)
            (network.Path, network.Threads) = (path, threads);
        model.to(device);
        using var optimizer = OptimizerFactory.Create(options, model.parameters());
        var augmenter = new Augmenter(options.Augment, options.Seed, background: normalization.Background);
        using var outliers = options.OutlierExposure ? Outliers(options, dataset, generated?.Junk ?? [], normalization, device) : null;
        var batches = new BatchSampler(data.Train.Inputs, data.Train.Labels, options.BatchSize, options.Seed, options.MaxBatchesPerEpoch, augmenter, outliers,
            options.RejectOutput ? classes : LossFunction.OutlierLabel);
        var scheduler = OptimizerFactory.CreateSchedule(options, optimizer, options.Epochs * batches.BatchesPerEpoch);
        var progress = new CheckpointProgress(1, EpochTally.Empty, []);
        if (checkpoint is not null)
        {
            progress = checkpoint.Progress;
            var stepsDone = (progress.Epoch - 1) * batches.BatchesPerEpoch + progress.Tally.Batches;
            for (var step = 0; step < Math.Min(stepsDone, options.Epochs * batches.BatchesPerEpoch); step++)
                scheduler?.step();
            checkpoint.Restore(model, optimizer);
        }
        var trainer = new Trainer(model, optimizer, scheduler,
            options.OutlierExposure && !options.RejectOutput ? LossFunction.WithOutlierExposure(criterion) : criterion, classes);
        var metadata = Metadata(options, dataset, normalization, history: progress.History);
        observer.RunStarting(new RunStart(options, ModelSummary.Of(architecture.Name, model), splits.Origin,
            data.Train.Count, data.Validation.Count, data.Test.Count, progress.Epoch, threads, SampleImages(splits.Train)));

        var history = progress.History.ToList();
        var trainingSeconds = 0.0;
        for (var epoch = progress.Epoch; epoch <= options.Epochs; epoch++)
        {
            var tally = epoch == progress.Epoch ? progress.Tally : EpochTally.Empty;
            var secondsBefore = epoch == progress.Epoch ? progress.SecondsSoFar : 0;
            observer.EpochStarting(epoch, batches.BatchesPerEpoch);
            var clock = Stopwatch.StartNew();
            if (optimizer is DiagonalLevenbergMarquardt sdlm)
            {
                sdlm.Damping = options.DampingInPass(epoch);
                if (tally.Batches == 0)
                    EstimateCurvature(sdlm, model, data.Train.Inputs, options, epoch);
            }
            tally = trainer.TrainEpoch(batches.Epoch(epoch, skip: tally.Batches), tally,
                t => observer.BatchCompleted(epoch, t.Batches, t.Loss, t.Accuracy), cancellationToken);
            var seconds = secondsBefore + clock.Elapsed.TotalSeconds;
            trainingSeconds += clock.Elapsed.TotalSeconds;
            if (tally.Batches < batches.BatchesPerEpoch)
            {
                Checkpoint.Capture(metadata, new CheckpointProgress(epoch, tally, history, seconds), model, optimizer).Save(folder.Checkpoint);
                return new TrainingResult(false, history, folder, trainingSeconds);
            }

            var validation = Evaluate(model, data.Validation, criterion, classes);
            var test = Evaluate(model, data.Test, criterion, classes);
            var metrics = new EpochMetrics(epoch, tally.Loss, tally.Accuracy, validation.Loss, validation.Accuracy,
                test.Loss, test.Accuracy, OptimizerFactory.CurrentLearningRate(optimizer), seconds, tally.Examples / seconds);
            history.Add(metrics);
            metadata = Metadata(options, dataset, normalization, history);
            Checkpoint.Capture(metadata, new CheckpointProgress(epoch + 1, EpochTally.Empty, history), model, optimizer).Save(folder.Checkpoint);
            folder.WriteMetrics(history, $"{options.Architecture} on {dataset.DisplayName}");
            observer.EpochCompleted(metrics);
            observer.WeightsUpdated(epoch, model);
        }
        ModelFile.Save(folder.Model, model, metadata with
        {
            Temperature = Calibrate(model, data.Validation),
            Shapes = generated?.Shapes,
        });
        return new TrainingResult(true, history, folder, trainingSeconds);
    }

    private static EvaluationResult Evaluate(nn.Module<Tensor, Tensor> model, LabelledTensors set, Func<Tensor, Tensor, Tensor> criterion, int classes) =>
        set.Count == 0
            ? new EvaluationResult(double.NaN, double.NaN, [], [], [])
            : Evaluator.Evaluate(model, set.Inputs, set.Labels, criterion, classes: classes);

    /// <summary>The curvature for the coming pass, from 500 training examples drawn for it (seeded).</summary>
    private static void EstimateCurvature(DiagonalLevenbergMarquardt optimizer, nn.Module<Tensor, Tensor> model, Tensor inputs, TrainingOptions options, int epoch)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)(options.Seed * 1_000_003 + epoch) ^ 0xC0FFEE);
        var chosen = randperm(inputs.shape[0], generator: generator).narrow(0, 0, Math.Min(inputs.shape[0], CurvatureEstimator.PaperSampleSize));
        optimizer.SetCurvature(CurvatureEstimator.Estimate(model, inputs.index_select(0, chosen), generator, options.Curvature));
    }

    /// <summary>The first 16 training images, as bytes.</summary>
    private static byte[] SampleImages(ImageDataset train)
    {
        using var first = train.Images.narrow(0, 0, Math.Min(16, train.Count)).contiguous();
        return first.data<byte>().ToArray();
    }

    /// <summary>
    /// Non-characters for Outlier Exposure: 10,000 rendered letters, symbols and textures (enough variety for a
    /// quarter of every batch), and with generated handwriting also the line reader's junk — neighbours taken
    /// together, characters cut in two (<see cref="Synthesis.SegmentationSamples"/>).
    /// </summary>
    private static Tensor Outliers(TrainingOptions options, DatasetInfo dataset, byte[] junk, Normalization normalization, Device device)
    {
        const int Count = 10_000;
        var pixels = (byte[])[.. OutlierImages.Render(Count, (int)options.Seed, dataset.ClassNames), .. junk];
        var count = pixels.Length / (28 * 28);
        using var bytes = tensor(pixels, [count, 1, 28, 28]);
        using var onDevice = bytes.to(device);
        return normalization.Apply(onDevice);
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

    private static ModelMetadata Metadata(TrainingOptions options, DatasetInfo dataset, Normalization normalization, IReadOnlyList<EpochMetrics> history)
    {
        var last = history.Count > 0 ? history[^1] : null;
        return new ModelMetadata(options.Architecture, dataset.Name, dataset.ClassNames, [1, 28, 28], normalization,
            last?.TestAccuracy, last?.TestLoss, last?.ValidationAccuracy, history.Count, DateTimeOffset.UtcNow,
            ModelMetadata.CurrentProjectVersion, ModelMetadata.CurrentTorchSharpVersion, options, RejectOutput: options.RejectOutput);
    }
}
