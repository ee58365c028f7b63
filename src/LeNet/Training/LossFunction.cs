using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>Losses over network outputs (<c>[N, classes]</c> scores, higher is better) and int64 labels.</summary>
public static class LossFunction
{
    /// <summary>Mean cross-entropy of softmax(scores): the loss every modern LeNet trains with.</summary>
    public static Tensor CrossEntropy(Tensor scores, Tensor labels) => nn.functional.cross_entropy(scores, labels);

    /// <summary>Label of an outlier example: not any class.</summary>
    public const long OutlierLabel = -1;

    /// <summary>Weight of the outlier term (Hendrycks et al. use 0.5 for classification).</summary>
    public const double OutlierWeight = 0.5;

    /// <summary>
    /// Wraps <paramref name="inDistribution"/> for batches that may hold outliers (label −1): the loss on real
    /// examples plus 0.5 × the cross-entropy from the outliers' predictions to the uniform distribution.
    /// </summary>
    public static Func<Tensor, Tensor, Tensor> WithOutlierExposure(Func<Tensor, Tensor, Tensor> inDistribution) => (scores, labels) =>
    {
        var outliers = labels.eq(Scalars.OutlierLabel);
        var real = outliers.logical_not();
        var loss = inDistribution(scores.index(real), labels.index(real));
        if (!outliers.any().item<bool>())
            return loss;
        var uniformCrossEntropy = -scores.index(outliers).log_softmax(1).mean(); // mean over outliers and classes
        return loss.add(uniformCrossEntropy.mul(Scalars.OutlierWeight), Scalars.One);
    };
}
