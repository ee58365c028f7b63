using LeNet.Training;

namespace LeNet.Reporting;

/// <summary>Draws a run's loss and accuracy curves into its folder after every epoch (<see cref="RunFolder.Curves"/>).</summary>
public sealed class CurvesWriter : ITrainingObserver
{
    /// <inheritdoc />
    public void MetricsWritten(RunFolder folder, IReadOnlyList<EpochMetrics> history, string title) =>
        TrainingCurves.Save(folder.Curves, history, title);
}
