namespace LeNet.Training;

/// <summary>Where a run stands: the epoch in progress, how far into it, and every finished epoch's metrics.</summary>
/// <param name="Epoch">The epoch in progress (1-based); <see cref="TrainingOptions.Epochs"/> + 1 when the run is complete.</param>
/// <param name="Tally">Totals of the epoch in progress (empty at an epoch boundary).</param>
/// <param name="History">Metrics of the finished epochs.</param>
/// <param name="SecondsSoFar">Training seconds spent in the epoch in progress before the interruption.</param>
public sealed record CheckpointProgress(int Epoch, EpochTally Tally, IReadOnlyList<EpochMetrics> History, double SecondsSoFar = 0);
