using TorchSharp;
using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>
/// Writes a run to TensorBoard event files with TorchSharp's SummaryWriter (<c>lenet train --tensorboard DIR</c>):
/// loss and accuracy scalars per epoch and every 50 batches, the learning rate, weight histograms per layer, and
/// sample training images.
/// </summary>
public sealed class TensorBoardLog(string directory) : ITrainingObserver
{
    /// <summary>Batches between two running-loss points.</summary>
    private const int BatchInterval = 50;
    private readonly TorchSharp.Modules.SummaryWriter _writer = utils.tensorboard.SummaryWriter(directory);
    private int _batchesPerEpoch;

    /// <inheritdoc />
    public void RunStarting(RunStart start)
    {
        _writer.add_text("run/settings", System.Text.Json.JsonSerializer.Serialize(start.Options, IO.Json.Options), 0);
        var count = start.SampleImages.Length / (28 * 28);
        if (count == 0)
            return;
        using var scope = NewDisposeScope();
        // A 4 × 4 grid of the first training images, as one [1, H, W] picture.
        var images = tensor(start.SampleImages, [count, 28, 28]);
        var rows = Enumerable.Range(0, (count + 3) / 4).Select(r => cat(Enumerable.Range(r * 4, 4).Select(i => i < count ? images[i] : zeros_like(images[0])).ToArray(), 1)).ToArray();
        _writer.add_img("data/training samples", cat(rows, 0).unsqueeze(0), start.FirstEpoch);
    }

    /// <inheritdoc />
    public void EpochStarting(int epoch, int batches) => _batchesPerEpoch = batches;

    /// <inheritdoc />
    public void BatchCompleted(int epoch, int batch, double runningLoss, double runningAccuracy)
    {
        if (batch % BatchInterval == 0)
            _writer.add_scalar("batch/running loss", (float)runningLoss, (epoch - 1) * _batchesPerEpoch + batch);
    }

    /// <inheritdoc />
    public void EpochCompleted(EpochMetrics m)
    {
        _writer.add_scalars("loss", new Dictionary<string, float> { ["train"] = (float)m.TrainLoss, ["validation"] = (float)m.ValidationLoss, ["test"] = (float)m.TestLoss }, m.Epoch);
        _writer.add_scalars("accuracy", new Dictionary<string, float> { ["train"] = (float)m.TrainAccuracy, ["validation"] = (float)m.ValidationAccuracy, ["test"] = (float)m.TestAccuracy }, m.Epoch);
        _writer.add_scalar("learning rate", (float)m.LearningRate, m.Epoch);
        _writer.add_scalar("examples per second", (float)m.ExamplesPerSecond, m.Epoch);
    }

    /// <inheritdoc />
    public void WeightsUpdated(int epoch, nn.Module<Tensor, Tensor> network)
    {
        foreach (var (name, parameter) in network.named_parameters())
        {
            using var values = parameter.detach().cpu();
            _writer.add_histogram($"weights/{name}", values, epoch);
        }
    }
}
