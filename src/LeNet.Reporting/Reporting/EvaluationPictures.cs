using LeNet.Training;

namespace LeNet.Reporting;

/// <summary>The pictures of an evaluation, written into a folder: confusion.png, misclassified.png, reliability.png.</summary>
public sealed record EvaluationPictures(string Confusion, string Misclassified, string Reliability)
{
    /// <summary>Draws and writes the three pictures into <paramref name="folder"/>.</summary>
    public static EvaluationPictures Save(string folder, TestSetEvaluation evaluation, string architecture)
    {
        var pictures = new EvaluationPictures(Path.Combine(folder, "confusion.png"), Path.Combine(folder, "misclassified.png"), Path.Combine(folder, "reliability.png"));
        ConfusionMatrixPlot.Save(pictures.Confusion, evaluation.Report, $"{architecture} on {evaluation.Dataset.DisplayName} test set");
        MistakesGrid.Save(pictures.Misclassified, evaluation.Result, evaluation.Images, evaluation.Height, evaluation.Width, evaluation.Dataset.ClassNames);
        ReliabilityDiagram.Save(pictures.Reliability, evaluation.Uncalibrated, evaluation.Calibrated);
        return pictures;
    }
}
