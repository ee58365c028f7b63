using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>Losses over network outputs (<c>[N, classes]</c> scores, higher is better) and int64 labels.</summary>
public static class LossFunction
{
    /// <summary>Mean cross-entropy of softmax(scores): the loss every modern LeNet trains with.</summary>
    public static Tensor CrossEntropy(Tensor scores, Tensor labels) => nn.functional.cross_entropy(scores, labels);
}
