using LeNet.Data;
using LeNet.Models;
using LeNet.Reporting;
using LeNet.Tests.Support;
using LeNet.Training;

namespace LeNet.Tests.Training;

public sealed class TrainingSessionTests : IDisposable
{
    private readonly TempFolder _temp = new();

    /// <summary>A short real run: two epochs of 15 batches on real MNIST.</summary>
    private static readonly TrainingOptions Short = new() { Epochs = 2, MaxBatchesPerEpoch = 15, BatchSize = 64, ValidationCount = 1_000, Seed = 3 };

    public void Dispose() => _temp.Dispose();

    private static TrainingSession Session(ITrainingObserver? observer = null) =>
        new(new DatasetLoader(TestData.Options), new CompositeObserver(observer ?? new SilentObserver(), new CurvesWriter()));

    private static IEnumerable<object> Comparable(IEnumerable<EpochMetrics> history) =>
        history.Select(m => (object)new { m.Epoch, m.TrainLoss, m.TrainAccuracy, m.ValidationLoss, m.ValidationAccuracy, m.TestLoss, m.TestAccuracy, m.LearningRate });

    [Fact]
    public void The_same_seed_gives_identical_metrics_run_after_run()
    {
        var first = Session().Run(Short, _temp.File("a"), resume: false);
        var second = Session().Run(Short, _temp.File("b"), resume: false);

        Assert.True(first.Completed);
        Assert.Equal(Comparable(first.History), Comparable(second.History));
    }

    [Fact]
    public void A_different_seed_gives_a_different_run()
    {
        var first = Session().Run(Short, _temp.File("a"), resume: false);
        var other = Session().Run(Short with { Seed = 4 }, _temp.File("b"), resume: false);

        Assert.NotEqual(first.History[^1].TrainLoss, other.History[^1].TrainLoss);
    }

    [Theory]
    [InlineData(1, 4)]  // interrupted in the middle of the first epoch
    [InlineData(2, 9)]  // and of the second
    public void Resuming_an_interrupted_run_finishes_with_the_same_metrics_as_an_uninterrupted_one(int epoch, int batch)
    {
        var uninterrupted = Session().Run(Short, _temp.File("whole"), resume: false);

        using var interrupt = new CancellationTokenSource();
        var folder = _temp.File("interrupted");
        var stopped = Session(new CancelAt(epoch, batch, interrupt)).Run(Short, folder, resume: false, interrupt.Token);
        var resumed = Session().Run(new TrainingOptions(), folder, resume: true);

        Assert.False(stopped.Completed);
        Assert.Equal(epoch - 1, stopped.History.Count);
        Assert.True(resumed.Completed);
        Assert.Equal(Comparable(uninterrupted.History), Comparable(resumed.History));
    }

    [Fact]
    public void A_paper_run_with_sdlm_resumes_with_its_curvature_and_finishes_as_an_uninterrupted_one()
    {
        var paper = Short with { Architecture = "paper", Optimizer = OptimizerKind.Sdlm, LearningRate = 0.0005, Damping = 1, WarmupDamping = 2, WarmupPasses = 1, Curvature = CurvatureKind.BackPropagated, Schedule = ScheduleKind.Paper, BatchSize = 16 };
        var uninterrupted = Session().Run(paper, _temp.File("whole"), resume: false);

        using var interrupt = new CancellationTokenSource();
        var folder = _temp.File("interrupted");
        Session(new CancelAt(2, 6, interrupt)).Run(paper, folder, resume: false, interrupt.Token);
        var resumed = Session().Run(new TrainingOptions(), folder, resume: true);

        Assert.True(uninterrupted.History[^1].TrainLoss < uninterrupted.History[0].TrainLoss);
        Assert.Equal(Comparable(uninterrupted.History), Comparable(resumed.History));
    }

    [Fact]
    public void Warmup_damping_governs_only_the_warmup_passes()
    {
        var paper = Short with { Architecture = "paper", Optimizer = OptimizerKind.Sdlm, LearningRate = 0.0005, Schedule = ScheduleKind.Paper, BatchSize = 16 };
        var throughout = Session().Run(paper with { Damping = 1 }, _temp.File("throughout"), resume: false);
        var warmedUp = Session().Run(paper with { Damping = 0.5, WarmupDamping = 1, WarmupPasses = 1 }, _temp.File("warmed-up"), resume: false);

        Assert.Equal(Comparable(throughout.History.Take(1)), Comparable(warmedUp.History.Take(1)));
        Assert.NotEqual(throughout.History[1].TrainLoss, warmedUp.History[1].TrainLoss);
    }

    [Fact]
    public void Back_propagated_curvature_is_refused_for_a_network_that_cannot_compute_it()
    {
        var options = Short with { Optimizer = OptimizerKind.Sdlm, Curvature = CurvatureKind.BackPropagated };

        var error = Assert.Throws<LeNetException>(() => Session().Run(options, _temp.File("lenet5"), resume: false));

        Assert.Contains("--curvature", error.Message);
        Assert.Contains("lenet5", error.Message);
    }

    [Fact]
    public void Training_lowers_the_loss_and_writes_every_run_file()
    {
        var folder = _temp.File("run");
        var result = Session().Run(Short with { Epochs = 3, MaxBatchesPerEpoch = 40 }, folder, resume: false);

        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss);
        Assert.True(result.History[^1].TestAccuracy > 0.85, $"test accuracy {result.History[^1].TestAccuracy}");
        foreach (var file in new[] { result.Folder.Model, result.Folder.Checkpoint, result.Folder.MetricsCsv, result.Folder.MetricsJson, result.Folder.Curves })
            Assert.True(File.Exists(file), file);
        Assert.Equal(4, File.ReadAllLines(result.Folder.MetricsCsv).Length); // header + 3 epochs
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void The_model_file_describes_itself()
    {
        var result = Session().Run(Short with { Epochs = 1 }, _temp.File("run"), resume: false);

        using var model = ModelFile.Load(result.Folder.Model);

        var metadata = model.Metadata;
        Assert.Equal("lenet5", metadata.Architecture);
        Assert.Equal("mnist", metadata.Dataset);
        Assert.Equal([1, 28, 28], metadata.InputShape);
        Assert.Equal(0.1307, metadata.Normalization.Mean);
        Assert.Equal(result.History[^1].TestAccuracy, metadata.TestAccuracy);
        Assert.Equal(Short.Seed, metadata.TrainingOptions()!.Seed);
        Assert.Equal(10, metadata.ClassNames.Count);
    }

    [Fact]
    public void Resuming_without_a_checkpoint_says_so()
    {
        var error = Assert.Throws<LeNetException>(() => Session().Run(Short, _temp.File("empty"), resume: true));

        Assert.Contains("checkpoint.lenet does not exist", error.Message);
    }

    [Fact]
    public void A_resumed_run_takes_typed_epochs_and_keeps_the_checkpoints_learning_rate()
    {
        var folder = _temp.File("run");
        Session().Run(Short with { Epochs = 1 }, folder, resume: false);

        var resumed = Session().Run(new TrainingOptions { Epochs = 2, LearningRate = 0.5 }, folder, resume: true,
            typed: [nameof(TrainingOptions.Epochs), nameof(TrainingOptions.LearningRate)]);

        Assert.Equal(2, resumed.History.Count);
        using var model = ModelFile.Load(resumed.Folder.Model);
        Assert.Equal(Short.LearningRate, model.Metadata.TrainingOptions()!.LearningRate);
        Assert.Equal(2, model.Metadata.TrainingOptions()!.Epochs);
    }

    [Fact]
    public void Resuming_with_fewer_epochs_than_already_finished_is_refused()
    {
        var folder = _temp.File("run");
        Session().Run(Short, folder, resume: false);

        var error = Assert.Throws<LeNetException>(() =>
            Session().Run(Short with { Epochs = 1 }, folder, resume: true, typed: [nameof(TrainingOptions.Epochs)]));

        Assert.StartsWith("--epochs:", error.Message);
        Assert.Contains("finished 2 epochs already", error.Message);
    }

    [Fact]
    public void A_diverging_run_stops_saying_so_and_keeps_no_model_of_the_broken_epoch()
    {
        var folder = _temp.File("run");
        var diverging = Short with { Optimizer = OptimizerKind.Sgd, LearningRate = 1e12, Schedule = ScheduleKind.None, Epochs = 1 };

        var error = Assert.Throws<LeNetException>(() => Session().Run(diverging, folder, resume: false));

        Assert.Contains("training diverged in epoch 1", error.Message);
        Assert.Contains("--lr", error.Message);
        Assert.False(File.Exists(Path.Combine(folder, "model.lenet")));
    }

    [Fact]
    public void A_second_run_into_the_same_folder_is_refused_while_the_first_holds_it()
    {
        using var first = RunLock.Acquire(_temp.File("shared"));

        var error = Assert.Throws<LeNetException>(() => Session().Run(Short, _temp.File("shared"), resume: false));

        Assert.Contains("another training run", error.Message);
    }

    [Theory]
    [InlineData("epochs")]
    [InlineData("batch-size")]
    [InlineData("lr")]
    public void Nonsense_options_are_refused_naming_the_flag(string flag)
    {
        var options = flag switch
        {
            "epochs" => Short with { Epochs = -1 },
            "batch-size" => Short with { BatchSize = 0 },
            _ => Short with { LearningRate = double.NaN },
        };

        var error = Assert.Throws<LeNetException>(() => options.Validate());

        Assert.StartsWith($"--{flag}:", error.Message);
    }

    private sealed class SilentObserver : ITrainingObserver;

    private sealed class CancelAt(int epoch, int batch, CancellationTokenSource source) : ITrainingObserver
    {
        public void BatchCompleted(int currentEpoch, int currentBatch, double runningLoss, double runningAccuracy)
        {
            if (currentEpoch == epoch && currentBatch == batch)
                source.Cancel();
        }
    }
}
