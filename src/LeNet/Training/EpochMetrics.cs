namespace LeNet.Training;

/// <summary>What one epoch achieved. Accuracies are fractions in [0, 1].</summary>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double ValidationLoss,
    double ValidationAccuracy,
    double TestLoss,
    double TestAccuracy,
    double LearningRate,
    double Seconds,
    double ExamplesPerSecond);
