using LeNet.Inference;
using LeNet.Synthesis;

namespace LeNet.Analysis;

/// <summary>How well one group of inputs (a font, the pen writers, a way of writing a character) was read.</summary>
/// <param name="Accuracy">Top-1: the most probable class is right.</param>
/// <param name="Answered">Fraction not flagged unsure.</param>
/// <param name="RightAmongAnswered">Accuracy of the answers not flagged unsure.</param>
public sealed record StyleRow(string Style, int Count, double Accuracy, double Answered, double RightAmongAnswered);

/// <summary>A confusion: <paramref name="Truth"/> read as <paramref name="Read"/>, <paramref name="Count"/> times.</summary>
public sealed record Confusion(string Truth, string Read, int Count);

/// <summary>What a recognizer made of photos of writing it never saw: overall, by hand, by variant, by class, with the reject option.</summary>
/// <param name="CalibrationError">Expected calibration error of the reported probabilities (15 bins).</param>
/// <param name="Curve">Accuracy when answering only the most confident fraction.</param>
/// <param name="AtTarget">The largest fraction that can be answered at <see cref="StyleEvaluation.TargetAccuracy"/>.</param>
/// <param name="Mistakes">The most confident wrong readings, worst first, with what the network saw.</param>
/// <param name="ByClass">Each class written (all hands), weakest first, then the digits and the operators as two groups.</param>
/// <param name="LookAlikes">How − 1 7 / ÷ + × and an x were read among themselves; null when no such operator was written.</param>
public sealed record StyleReport(StyleRow Overall, double CalibrationError, IReadOnlyList<CoveragePoint> Curve, CoveragePoint AtTarget,
    IReadOnlyList<StyleRow> ByHand, IReadOnlyList<StyleRow> ByVariant, IReadOnlyList<Confusion> Confusions,
    IReadOnlyList<(CharacterPhoto Photo, DigitPrediction Prediction)> Mistakes, IReadOnlyList<StyleRow> ByClass, LookAlikeTable? LookAlikes);

/// <summary>Runs a recognizer over generated photos exactly as over real ones (decode, preprocess, read) and sums up.</summary>
public static class StyleEvaluation
{
    /// <summary>The accuracy among answered that the reject option aims for.</summary>
    public const double TargetAccuracy = 0.995;

    /// <summary>Reads every photo with <paramref name="recognizer"/>.</summary>
    public static StyleReport Evaluate(DigitRecognizer recognizer, IReadOnlyList<CharacterPhoto> photos)
    {
        var outcomes = new (CharacterPhoto Photo, DigitPrediction Prediction)[photos.Count];
        Parallel.For(0, photos.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => outcomes[i] = (photos[i], recognizer.Predict(photos[i].Photo, $"{photos[i].Hand} {photos[i].Label}")));
        return Summarise(outcomes, recognizer.Options.UnsureBelow);
    }

    /// <summary>The report for already-made predictions.</summary>
    public static StyleReport Summarise(IReadOnlyList<(CharacterPhoto Photo, DigitPrediction Prediction)> outcomes, double unsureBelow)
    {
        var answers = outcomes.Select(o => (Correct: o.Prediction.Label == o.Photo.Label, Confidence: Confidence(o.Prediction, unsureBelow))).ToList();
        var confusions = outcomes.Where(o => o.Prediction.Label != o.Photo.Label)
            .GroupBy(o => (o.Photo.Label, o.Prediction.Label))
            .Select(g => new Confusion(g.Key.Item1, g.Key.Item2, g.Count()))
            .OrderByDescending(c => c.Count).ToList();
        return new StyleReport(Row("all", outcomes), RiskCoverage.CalibrationError(answers), RiskCoverage.Curve(answers),
            RiskCoverage.AtAccuracy(answers, TargetAccuracy),
            WeakestFirst(outcomes, o => o.Photo.Hand),
            WeakestFirst(outcomes.Where(o => o.Photo.Hand == HandwritingPhotos.PenWriters), o => o.Photo.Variant),
            confusions,
            [.. outcomes.Where(o => o.Prediction.Label != o.Photo.Label).OrderByDescending(o => o.Prediction.Probability).Take(MistakesShown)],
            ByClass(outcomes),
            LookAlikeTable.Of(outcomes));
    }

    /// <summary>A row per class written, weakest first; then "digits" and "operators" when both were written.</summary>
    private static List<StyleRow> ByClass(IReadOnlyList<(CharacterPhoto Photo, DigitPrediction Prediction)> outcomes)
    {
        var rows = WeakestFirst(outcomes, o => o.Photo.Label);
        var groups = outcomes.ToLookup(o => Symbols.IsDigit(o.Photo.Label));
        if (groups[true].Any() && groups[false].Any())
            rows.AddRange([Row("digits", [.. groups[true]]), Row("operators", [.. groups[false]])]);
        return rows;
    }

    /// <summary>A row per group of <paramref name="outcomes"/> by <paramref name="key"/>, the weakest first.</summary>
    private static List<StyleRow> WeakestFirst(IEnumerable<(CharacterPhoto Photo, DigitPrediction Prediction)> outcomes,
        Func<(CharacterPhoto Photo, DigitPrediction Prediction), string> key) =>
        [.. outcomes.GroupBy(key).Select(g => Row(g.Key, [.. g])).OrderBy(r => r.Accuracy)];

    /// <summary>How many mistakes a report keeps.</summary>
    public const int MistakesShown = 64;

    /// <summary>The confidence the reject option ranks by: the probability, or 0 when the shape itself was refused.</summary>
    private static double Confidence(DigitPrediction prediction, double unsureBelow) =>
        prediction.Unsure && prediction.Probability >= unsureBelow ? 0 : prediction.Probability;

    private static StyleRow Row(string style, IReadOnlyList<(CharacterPhoto Photo, DigitPrediction Prediction)> outcomes)
    {
        var answered = outcomes.Where(o => !o.Prediction.Unsure).ToList();
        return new StyleRow(style, outcomes.Count,
            outcomes.Count == 0 ? 0 : outcomes.Count(o => o.Prediction.Label == o.Photo.Label) / (double)outcomes.Count,
            outcomes.Count == 0 ? 0 : answered.Count / (double)outcomes.Count,
            answered.Count == 0 ? 1 : answered.Count(o => o.Prediction.Label == o.Photo.Label) / (double)answered.Count);
    }
}
