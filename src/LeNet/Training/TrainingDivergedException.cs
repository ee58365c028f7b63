namespace LeNet.Training;

/// <summary>The loss stopped being a number: training diverged and cannot recover from here.</summary>
public sealed class TrainingDivergedException(int batch, float loss)
    : LeNetException($"the loss became {loss} at batch {batch} of the epoch")
{
    /// <summary>The batch (1-based, within the epoch) whose loss was not finite.</summary>
    public int Batch { get; } = batch;
}
