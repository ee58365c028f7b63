namespace LeNet.Training;

/// <summary>How a run ended.</summary>
/// <param name="Completed">False when it was interrupted (a checkpoint was saved; <c>--resume</c> continues it).</param>
/// <param name="History">Metrics of every finished epoch, resumed ones included.</param>
/// <param name="Folder">Where its files are.</param>
/// <param name="TrainingSeconds">Seconds spent in training steps (evaluation excluded) in this invocation.</param>
public sealed record TrainingResult(bool Completed, IReadOnlyList<EpochMetrics> History, RunFolder Folder, double TrainingSeconds)
{
    /// <summary>The last finished epoch's metrics, if any.</summary>
    public EpochMetrics? Final => History.Count > 0 ? History[^1] : null;
}
