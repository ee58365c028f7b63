namespace LeNet.Training;

/// <summary>A model's results on a labelled set. Plain arrays: callers never dispose anything.</summary>
/// <param name="Loss">Mean loss over the set.</param>
/// <param name="Accuracy">Fraction classified correctly.</param>
/// <param name="Labels">True label per example.</param>
/// <param name="Predictions">Predicted label per example.</param>
/// <param name="Confidences">Softmax probability of the predicted label per example.</param>
public sealed record EvaluationResult(double Loss, double Accuracy, int[] Labels, int[] Predictions, float[] Confidences)
{
    /// <summary>Number of examples evaluated.</summary>
    public int Count => Labels.Length;

    /// <summary>Fraction misclassified.</summary>
    public double Error => 1 - Accuracy;
}
