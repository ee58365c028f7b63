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
}

/// <summary>What a run is about to do.</summary>
public sealed record RunStart(TrainingOptions Options, Models.ModelSummary Summary, string DataOrigin,
    int TrainingExamples, int ValidationExamples, int TestExamples, int FirstEpoch, int Threads);
