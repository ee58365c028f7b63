using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>Receives a training run's progress. The library never writes to the console; a front end renders this.</summary>
public interface ITrainingObserver
{
    /// <summary>The run is set up and about to train (or resume at <see cref="RunStart.FirstEpoch"/>).</summary>
    void RunStarting(RunStart start) { }

    /// <summary>An epoch begins; it has <paramref name="batches"/> batches.</summary>
    void EpochStarting(int epoch, int batches) { }

    /// <summary>A batch finished; the running figures cover the epoch so far.</summary>
    void BatchCompleted(int epoch, int batch, double runningLoss, double runningAccuracy) { }

    /// <summary>An epoch finished and was evaluated.</summary>
    void EpochCompleted(EpochMetrics metrics) { }

    /// <summary>After each epoch: the run's metric files now cover <paramref name="history"/> (pictures of them are drawn here).</summary>
    void MetricsWritten(RunFolder folder, IReadOnlyList<EpochMetrics> history, string title) { }

    /// <summary>After each epoch: the network as it now stands (for weight histograms); do not keep it.</summary>
    void WeightsUpdated(int epoch, nn.Module<Tensor, Tensor> network) { }
}

/// <summary>Passes every event to several observers, in order.</summary>
public sealed class CompositeObserver(params ITrainingObserver[] observers) : ITrainingObserver
{
    /// <inheritdoc />
    public void RunStarting(RunStart start) => Array.ForEach(observers, o => o.RunStarting(start));

    /// <inheritdoc />
    public void EpochStarting(int epoch, int batches) => Array.ForEach(observers, o => o.EpochStarting(epoch, batches));

    /// <inheritdoc />
    public void BatchCompleted(int epoch, int batch, double runningLoss, double runningAccuracy) =>
        Array.ForEach(observers, o => o.BatchCompleted(epoch, batch, runningLoss, runningAccuracy));

    /// <inheritdoc />
    public void EpochCompleted(EpochMetrics metrics) => Array.ForEach(observers, o => o.EpochCompleted(metrics));

    /// <inheritdoc />
    public void MetricsWritten(RunFolder folder, IReadOnlyList<EpochMetrics> history, string title) =>
        Array.ForEach(observers, o => o.MetricsWritten(folder, history, title));

    /// <inheritdoc />
    public void WeightsUpdated(int epoch, nn.Module<Tensor, Tensor> network) => Array.ForEach(observers, o => o.WeightsUpdated(epoch, network));
}

/// <summary>What a run is about to do.</summary>
/// <param name="SampleImages">A few training images (uint8, row-major 28 × 28 each) for logs that show data.</param>
public sealed record RunStart(TrainingOptions Options, Models.ModelSummary Summary, string DataOrigin,
    int TrainingExamples, int ValidationExamples, int TestExamples, int FirstEpoch, int Threads, byte[] SampleImages)
{
    /// <summary>When the run continues a checkpoint: what it took from the request and what it kept (null for a new run).</summary>
    public Resumption? Resumed { get; init; }
}
