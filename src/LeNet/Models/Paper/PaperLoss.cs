using TorchSharp;
using static TorchSharp.torch;

namespace LeNet.Models.Paper;

/// <summary>
/// The paper's training criterion (LeCun et al. 1998, eq. 9): the penalty of the correct class plus a competitive
/// term, E = mean over examples of y_D + log(e^−j + Σ_i e^−y_i). The constant j is not given in the paper; j = 1 is
/// used here. The scores it receives are −y (see <see cref="EuclideanRbf"/>).
/// </summary>
public static class PaperLoss
{
    /// <summary>The positive constant j of the competitive term.</summary>
    public const double J = 1.0;

    /// <summary>The criterion over scores <c>[N, classes]</c> (= −penalties) and int64 labels <c>[N]</c>.</summary>
    public static Tensor Compute(Tensor scores, Tensor labels)
    {
        var correctPenalty = scores.gather(1, labels.unsqueeze(1)).squeeze(1).neg(); // y_D, [N]
        var floor = full(scores.shape[0], 1, -J, dtype: scores.dtype, device: scores.device); // log e^−j
        var competitive = cat([floor, scores], 1).logsumexp(1);                      // log(e^−j + Σ e^−y_i)
        return correctPenalty.add(competitive, Scalars.One).mean();
    }
}
