namespace LeNet.Training;

/// <summary>
/// Stops a run whose network has collapsed: after an epoch that clearly learned, one whose held-out accuracy is back
/// at chance (every input read as one class — what a too-large step does to a network without a NaN ever appearing).
/// The run's files then still hold the last good epoch, and saying so beats saving a model that reads nothing.
/// </summary>
public static class CollapseGuard
{
    /// <summary>How far above chance "clearly learned" is.</summary>
    public const double LearnedMargin = 0.20;

    /// <summary>How close to chance "collapsed" is.</summary>
    public const double ChanceMargin = 0.02;

    /// <summary>Throws when <paramref name="latest"/> collapsed after a better epoch in <paramref name="earlier"/>.</summary>
    /// <exception cref="LeNetException">The run collapsed.</exception>
    public static void Check(IReadOnlyList<EpochMetrics> earlier, EpochMetrics latest, int classes)
    {
        var chance = 1.0 / classes;
        var best = earlier.Where(m => HeldOut(m) > chance + LearnedMargin).MaxBy(HeldOut);
        if (best is not null && HeldOut(latest) <= chance + ChanceMargin)
            throw new LeNetException($"training collapsed in epoch {latest.Epoch}: held-out accuracy fell to {HeldOut(latest):P2} " +
                                     $"(chance is {chance:P0}) after {HeldOut(best):P2} in epoch {best.Epoch}. The run's checkpoint keeps epoch " +
                                     $"{earlier[^1].Epoch}; try a lower --lr (or, with sdlm, a larger --damping)");
    }

    /// <summary>Validation accuracy, or test accuracy when the run holds out no validation set.</summary>
    private static double HeldOut(EpochMetrics metrics) =>
        double.IsNaN(metrics.ValidationAccuracy) ? metrics.TestAccuracy : metrics.ValidationAccuracy;
}
