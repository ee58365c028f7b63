namespace LeNet.Analysis;

/// <summary>Accuracy when only the most confident answers are given.</summary>
/// <param name="Coverage">Fraction of inputs answered.</param>
/// <param name="Accuracy">Fraction of those answers that are right.</param>
/// <param name="Threshold">The lowest confidence among the answered.</param>
public sealed record CoveragePoint(double Coverage, double Accuracy, double Threshold);

/// <summary>
/// The risk–coverage view of a classifier with a reject option (Geifman and El-Yaniv, 2017): sort answers by
/// confidence, answer the top fraction, and see how accuracy rises as coverage falls.
/// </summary>
public static class RiskCoverage
{
    /// <summary>The coverages every report shows.</summary>
    public static IReadOnlyList<double> StandardCoverages { get; } = [1.0, 0.99, 0.98, 0.97, 0.95, 0.90, 0.80];

    /// <summary>Accuracy at each of <paramref name="coverages"/>, answering the most confident first.</summary>
    public static IReadOnlyList<CoveragePoint> Curve(IReadOnlyList<(bool Correct, double Confidence)> answers, IReadOnlyList<double>? coverages = null)
    {
        var sorted = answers.OrderByDescending(a => a.Confidence).ToList();
        var points = new List<CoveragePoint>();
        foreach (var coverage in coverages ?? StandardCoverages)
        {
            var answered = Math.Max(1, (int)Math.Round(coverage * sorted.Count));
            if (sorted.Count == 0)
                break;
            var right = sorted.Take(answered).Count(a => a.Correct);
            points.Add(new CoveragePoint((double)answered / sorted.Count, (double)right / answered, sorted[answered - 1].Confidence));
        }
        return points;
    }

    /// <summary>The largest coverage at which accuracy is at least <paramref name="accuracy"/> (0 when none).</summary>
    public static CoveragePoint AtAccuracy(IReadOnlyList<(bool Correct, double Confidence)> answers, double accuracy)
    {
        var sorted = answers.OrderByDescending(a => a.Confidence).ToList();
        var best = new CoveragePoint(0, 1, 1);
        var right = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            right += sorted[i].Correct ? 1 : 0;
            // Only cut between distinct confidences: ties are answered together.
            if (i + 1 < sorted.Count && sorted[i + 1].Confidence == sorted[i].Confidence)
                continue;
            if ((double)right / (i + 1) >= accuracy)
                best = new CoveragePoint((double)(i + 1) / sorted.Count, (double)right / (i + 1), sorted[i].Confidence);
        }
        return best;
    }

    /// <summary>Expected calibration error over 15 equal bins of confidence.</summary>
    public static double CalibrationError(IReadOnlyList<(bool Correct, double Confidence)> answers)
    {
        const int Bins = 15;
        if (answers.Count == 0)
            return 0;
        var error = 0.0;
        foreach (var bin in answers.GroupBy(a => Math.Min(Bins - 1, (int)(a.Confidence * Bins))))
        {
            var items = bin.ToList();
            error += (double)items.Count / answers.Count * Math.Abs(items.Count(a => a.Correct) / (double)items.Count - items.Average(a => a.Confidence));
        }
        return error;
    }
}
