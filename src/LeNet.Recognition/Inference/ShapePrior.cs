namespace LeNet.Inference;

/// <summary>Mean and spread of a class's height, position and lean relative to its (upright) line.</summary>
public sealed record ShapeStatistics(double LogHeightMean, double LogHeightDeviation, double OffsetMean, double OffsetDeviation,
    double LeanMean = 0, double LeanDeviation = double.PositiveInfinity);

/// <summary>
/// How tall each class is, where it sits relative to the line and how it leans once the writer's slant is removed,
/// as fitted on generated lines of the training writers and fonts (<see cref="Fit"/>): a minus is short and centred,
/// a digit full height, a bracket taller, a / leans where a 1 stands upright. The line reader weighs the network's
/// probabilities by it, so the geometry the 28 × 28 input hides (a slanted 1 and a / are one shape there) still counts.
/// </summary>
/// <param name="Classes">Statistics per class name.</param>
public sealed record ShapePrior(IReadOnlyDictionary<string, ShapeStatistics> Classes)
{
    /// <summary>Smallest spreads: a fit on neat samples must not make the prior brittle.</summary>
    private const double MinLogHeightDeviation = 0.12, MinOffsetDeviation = 0.1, MinLeanDeviation = 0.1;

    /// <summary>Largest squared z-score counted: beyond four deviations a mark is simply unlike the class.</summary>
    private const double MaxSquaredZ = 16;

    /// <summary>No prior: every class equally likely whatever the geometry (models saved without one).</summary>
    public static ShapePrior None { get; } = new(new Dictionary<string, ShapeStatistics>());

    /// <summary>
    /// How unlike <paramref name="label"/>'s usual height and position <paramref name="shape"/> is: the log of its
    /// likelihood relative to the class's most typical mark, 0 at the mean and falling as −z²/2 per feature. A mark
    /// untypical of every class (half a digit, two digits at once) is thus penalised whatever it is read as. 0
    /// without statistics for the class. The lean's term is multiplied by <paramref name="leanWeight"/>.
    /// </summary>
    public double LogPlausibility(string label, MarkShape shape, double leanWeight = 1)
    {
        if (!Classes.TryGetValue(label, out var s))
            return 0;
        var zHeight = (shape.LogHeight - s.LogHeightMean) / s.LogHeightDeviation;
        var zOffset = (shape.Offset - s.OffsetMean) / s.OffsetDeviation;
        var zLean = (shape.Lean - s.LeanMean) / s.LeanDeviation;
        return -0.5 * (Math.Min(MaxSquaredZ, zHeight * zHeight) + Math.Min(MaxSquaredZ, zOffset * zOffset) + leanWeight * Math.Min(MaxSquaredZ, zLean * zLean));
    }

    /// <summary>Fits each class's statistics to measured marks (at least two per class).</summary>
    public static ShapePrior Fit(IEnumerable<(string Label, MarkShape Shape)> marks)
    {
        var classes = new Dictionary<string, ShapeStatistics>();
        foreach (var group in marks.GroupBy(m => m.Label))
        {
            var shapes = group.Select(m => m.Shape).ToList();
            if (shapes.Count < 2)
                continue;
            var (heightMean, heightDeviation) = MeanAndDeviation(shapes.Select(s => s.LogHeight));
            var (offsetMean, offsetDeviation) = MeanAndDeviation(shapes.Select(s => s.Offset));
            var (leanMean, leanDeviation) = MeanAndDeviation(shapes.Select(s => s.Lean));
            classes[group.Key] = new ShapeStatistics(heightMean, Math.Max(MinLogHeightDeviation, heightDeviation),
                offsetMean, Math.Max(MinOffsetDeviation, offsetDeviation), leanMean, Math.Max(MinLeanDeviation, leanDeviation));
        }
        return new ShapePrior(classes);
    }

    private static (double Mean, double Deviation) MeanAndDeviation(IEnumerable<double> values)
    {
        var list = values.ToList();
        var mean = list.Average();
        return (mean, Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1)));
    }
}
