namespace LeNet.Training;

/// <summary>Running totals of an epoch in progress; kept in checkpoints so an interrupted epoch resumes exactly.</summary>
/// <param name="Batches">Batches completed.</param>
/// <param name="LossSum">Sum over examples of the loss (mean batch loss × batch size).</param>
/// <param name="Correct">Correctly classified examples.</param>
/// <param name="Examples">Examples seen.</param>
public sealed record EpochTally(int Batches, double LossSum, long Correct, long Examples)
{
    /// <summary>Nothing done yet.</summary>
    public static EpochTally Empty { get; } = new(0, 0, 0, 0);

    /// <summary>Mean loss so far.</summary>
    public double Loss => Examples == 0 ? 0 : LossSum / Examples;

    /// <summary>Accuracy so far, as a fraction.</summary>
    public double Accuracy => Examples == 0 ? 0 : (double)Correct / Examples;

    /// <summary>The tally after one more batch.</summary>
    public EpochTally Add(double meanLoss, long correct, long examples) =>
        new(Batches + 1, LossSum + meanLoss * examples, Correct + correct, Examples + examples);
}
