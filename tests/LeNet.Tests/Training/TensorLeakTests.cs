using LeNet.Data;
using LeNet.Models;
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
        var sampler = new BatchSampler(inputs, labels, 64, seed: 1, maxBatches: batches, new Augmenter(augment, 1, -0.42), pool);
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
}
