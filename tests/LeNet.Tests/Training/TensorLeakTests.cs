using LeNet.Data;
using LeNet.Models;
using LeNet.Models.Paper;
using LeNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LeNet.Tests.Training;

/// <summary>Every tensor a training epoch creates is disposed by the end of its batch: memory stays flat however long a run is.</summary>
public sealed class TensorLeakTests
{
    private static long LiveAfterEpoch(int batches, AugmentationKind augment, bool outliers)
    {
        using var inputs = randn(64 * 20, 1, 28, 28);
        using var labels = randint(10, [64 * 20]);
        using var pool = outliers ? randn(100, 1, 28, 28) : null;
        using var model = new LeNet5();
        using var optimizer = OptimizerFactory.Create(new TrainingOptions(), model.parameters());
        var trainer = new Trainer(model, optimizer, null, outliers ? LossFunction.WithOutlierExposure(LossFunction.CrossEntropy) : LossFunction.CrossEntropy, classes: 10);
        return LiveAfterSecondEpoch(trainer, new BatchSampler(inputs, labels, 64, seed: 1, maxBatches: batches, new Augmenter(augment, 1, -0.42), pool));
    }

    private static long LiveAfterSecondEpoch(Trainer trainer, BatchSampler sampler)
    {
        trainer.TrainEpoch(sampler.Epoch(1), EpochTally.Empty); // warm-up: optimizer state is created once
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        trainer.TrainEpoch(sampler.Epoch(2), EpochTally.Empty);
        return DisposeScopeManager.Statistics.ThreadTotalLiveCount - before;
    }

    [Theory]
    [InlineData(AugmentationKind.None, false)]
    [InlineData(AugmentationKind.Affine, true)]
    [InlineData(AugmentationKind.Elastic, false)]
    public void An_epoch_leaves_no_live_tensors_behind(AugmentationKind augment, bool outliers)
    {
        Assert.Equal(0, LiveAfterEpoch(12, augment, outliers));
    }

    [Theory]
    [InlineData(1, AugmentationKind.Affine, OptimizerKind.Sdlm)] // views of single examples, the C# warp, the fused update
    [InlineData(8, AugmentationKind.None, OptimizerKind.Adam)]   // gradients handed to TorchSharp's optimizer
    public void The_paper_networks_fused_steps_leave_no_live_tensors_behind(int batchSize, AugmentationKind augment, OptimizerKind kind)
    {
        using var inputs = randn(64, 1, 28, 28);
        using var labels = randint(10, [64]);
        using var model = new PaperLeNet5();
        using var optimizer = OptimizerFactory.Create(new TrainingOptions { Optimizer = kind, BatchSize = batchSize }, model.parameters());
        var trainer = new Trainer(model, optimizer, null, PaperLoss.Compute, classes: 10)
        {
            Fused = FusedPaperStep.For(model, optimizer, DeviceType.CPU, outliers: false),
        };

        Assert.NotNull(trainer.Fused);
        Assert.Equal(0, LiveAfterSecondEpoch(trainer, new BatchSampler(inputs, labels, batchSize, seed: 1, augmenter: new Augmenter(augment, 1, -0.1))));
    }
}
