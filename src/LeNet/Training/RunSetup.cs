using LeNet.Data;
using LeNet.Models;
using LeNet.Native;
using Microsoft.Extensions.Logging;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>
/// Everything a training run works with, built in one place from its options and, when resuming, its checkpoint:
/// data on the device, the network on its compute path, optimizer, schedule, batches and loss. Disposing it frees
/// the tensors and the network.
/// </summary>
internal sealed class RunSetup : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private RunSetup(TrainingOptions options) => Options = options;

    public TrainingOptions Options { get; private set; }
    public DatasetInfo Dataset { get; private set; } = null!;
    public Normalization Normalization { get; private set; } = null!;
    public Func<Tensor, Tensor, Tensor> Criterion { get; private set; } = null!;
    public int Classes => Dataset.ClassNames.Count;
    public DatasetSplit Splits { get; private set; } = null!;
    public GeneratedData? Generated { get; private set; }

    /// <summary>Images of an image folder that could not be used (<see cref="TrainingOptions.Images"/>).</summary>
    public IReadOnlyList<SkippedImage> Skipped { get; private set; } = [];
    public PreparedData Data { get; private set; } = null!;
    public nn.Module<Tensor, Tensor> Model { get; private set; } = null!;
    public OptimizerHelper Optimizer { get; private set; } = null!;
    public BatchSampler Batches { get; private set; } = null!;
    public Trainer Trainer { get; private set; } = null!;
    public ComputeSettings Compute { get; private set; } = null!;

    /// <summary>Where the run starts: epoch 1, or where the checkpoint left off.</summary>
    public CheckpointProgress Progress { get; private set; } = new(1, EpochTally.Empty, []);

    /// <summary>Builds the run's setup; with <paramref name="checkpoint"/>, restores its weights, optimizer and schedule.</summary>
    public static RunSetup Create(TrainingOptions options, Checkpoint? checkpoint, DatasetLoader loader, CancellationToken cancellationToken)
    {
        var setup = new RunSetup(options);
        try
        {
            setup.Build(checkpoint, loader, cancellationToken);
            return setup;
        }
        catch
        {
            setup.Dispose();
            throw;
        }
    }

    /// <summary>Guards libtorch's one global random generator, which initialises every new network's weights.</summary>
    private static readonly Lock ModelCreation = new();

    /// <summary>
    /// A new network whose weights depend on <paramref name="seed"/> alone, even while other runs in this process create
    /// theirs (<c>lenet reproduce</c> trains seeds side by side): seeding and creating happen under one lock.
    /// </summary>
    private static nn.Module<Tensor, Tensor> SeededCreate(Architecture architecture, int outputs, long seed)
    {
        lock (ModelCreation)
        {
            random.manual_seed(seed);
            return architecture.Create(outputs);
        }
    }

    private T Own<T>(T owned) where T : IDisposable
    {
        _owned.Add(owned);
        return owned;
    }

    private void Build(Checkpoint? checkpoint, DatasetLoader loader, CancellationToken cancellationToken)
    {
        TorchRuntime.EnsureLoaded();
        var device = DeviceSelector.Resolve(Options.Device);
        var architecture = Architecture.FromName(Options.Architecture);
        ImageDataset? validation = null;
        if (Options.Images is { } folder)
        {
            (Splits, validation, Skipped) = ImageFolderSplit.Load(folder, Options.Seed, Options.Threads);
            Own(Splits);
            Own(validation);
            foreach (var skipped in Skipped)
                loader.Logger.LogWarning("Skipped {Path}: {Problem}", skipped.Path, skipped.Problem);
        }
        else
        {
            Splits = Own(loader.Load(DatasetInfo.FromName(Options.Dataset), cancellationToken));
        }
        Dataset = Splits.Info;
        Normalization = architecture.Input ?? new Normalization(Dataset.Mean, Dataset.StandardDeviation);
        Criterion = architecture.Criterion;
        Generated = Options.Generated > 0 ? Own(GeneratedData.Create(Options, Dataset, loader.Fonts(Synthesis.StyleSplit.Train), loader.Logger)) : null;
        Data = Own(validation is not null
            ? PreparedData.Create(Splits.Train, validation, Splits.Test, Normalization, device)
            : PreparedData.Create(Splits, Options.ValidationCount, Options.Seed, Normalization, device, Generated is null ? null : (Generated.Train, Generated.Validation)));

        Model = Own(SeededCreate(architecture, Classes + (Options.RejectOutput ? 1 : 0), Options.Seed));
        if (Options.Optimizer == OptimizerKind.Sdlm)
            CurvatureEstimator.EnsureAvailable(Model, Options.Curvature, architecture.Name);
        var requested = Options.Compute;
        Compute = new ComputeSettings(Options.Compute, Options.Threads).Apply(Model, device.type);
        Options = Options with { Compute = Compute.Path }; // what runs, as the run's files and output say
        Model.to(device);
        Optimizer = Own(OptimizerFactory.Create(Options, Model.parameters()));
        var outliers = Options.OutlierExposure ? Own(Outliers(Options, Dataset, Generated?.Junk ?? [], Normalization, device)) : null;
        Batches = new BatchSampler(Data.Train.Inputs, Data.Train.Labels, Options.BatchSize, Options.Seed, Options.MaxBatchesPerEpoch,
            new Augmenter(Options.Augment, Options.Seed, background: Normalization.Background), outliers,
            Options.RejectOutput ? Classes : LossFunction.OutlierLabel);
        var scheduler = OptimizerFactory.CreateSchedule(Options, Optimizer, Options.Epochs * Batches.BatchesPerEpoch);
        if (checkpoint is not null)
        {
            Progress = checkpoint.Progress;
            var stepsDone = (Progress.Epoch - 1) * Batches.BatchesPerEpoch + Progress.Tally.Batches;
            for (var step = 0; step < Math.Min(stepsDone, Options.Epochs * Batches.BatchesPerEpoch); step++)
                scheduler?.step();
            checkpoint.Restore(Model, Optimizer);
        }
        Trainer = new Trainer(Model, Optimizer, scheduler,
            Options.OutlierExposure && !Options.RejectOutput ? LossFunction.WithOutlierExposure(Criterion) : Criterion, Classes)
        {
            Fused = requested == ComputePath.Fast ? FusedPaperStep.For(Model, Optimizer, device.type, outliers is not null) : null,
        };
        if (Trainer.Fused is not null)
        {
            // The paper network's fast path is its fused training step, which evaluates the run's sets as well.
            Compute = Compute with { Path = ComputePath.Fast };
            Options = Options with { Compute = ComputePath.Fast };
        }
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

    /// <summary>The first 16 training images, as bytes.</summary>
    public byte[] SampleImages()
    {
        using var first = Splits.Train.Images.narrow(0, 0, Math.Min(16, Splits.Train.Count)).contiguous();
        return first.data<byte>().ToArray();
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
            _owned[i].Dispose();
    }
}
