namespace LeNet.Training;

/// <summary>Precision, recall and F1 of one class.</summary>
public sealed record ClassMetrics(string Name, double Precision, double Recall, double F1, int Support);

/// <summary>Per-class metrics and the confusion matrix of an evaluation.</summary>
/// <param name="Confusion">Counts indexed [true label, predicted label].</param>
public sealed record ClassificationReport(IReadOnlyList<string> ClassNames, int[,] Confusion, IReadOnlyList<ClassMetrics> Classes)
{
    /// <summary>Unweighted mean F1 over the classes.</summary>
    public double MacroF1 => Classes.Average(c => c.F1);

    /// <summary>Builds the report from an evaluation's labels and predictions.</summary>
    public static ClassificationReport From(EvaluationResult result, IReadOnlyList<string> classNames)
    {
        var classes = classNames.Count;
        var confusion = new int[classes, classes];
        for (var i = 0; i < result.Count; i++)
            confusion[result.Labels[i], result.Predictions[i]]++;
        var metrics = new List<ClassMetrics>();
        for (var c = 0; c < classes; c++)
        {
            int truePositives = confusion[c, c], actual = 0, predicted = 0;
            for (var k = 0; k < classes; k++)
            {
                actual += confusion[c, k];
                predicted += confusion[k, c];
            }
            var precision = predicted == 0 ? 0 : (double)truePositives / predicted;
            var recall = actual == 0 ? 0 : (double)truePositives / actual;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            metrics.Add(new ClassMetrics(classNames[c], precision, recall, f1, actual));
        }
        return new ClassificationReport(classNames, confusion, metrics);
    }
}
