using LeNet.Models.Paper;
using TorchSharp;
using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>
/// Estimates the diagonal of the Gauss–Newton matrix JᵀHJ of the training loss, averaged over a sample of examples:
/// the h_kk that <see cref="DiagonalLevenbergMarquardt"/> divides by. By default each example contributes (Jᵀv)² with
/// v drawn so that E[vvᵀ] = H: the exact diagonal in expectation, for any network, from TorchSharp's ordinary backward
/// pass. <see cref="CurvatureKind.BackPropagated"/> asks the paper network for the paper's own estimate
/// (<see cref="IBackPropagatedCurvature"/>: second derivatives back-propagated, off-diagonal terms dropped).
/// </summary>
/// <remarks>
/// Where J and H are taken depends on the output layer. For the paper's RBF network (<see cref="IRbfNetwork"/>) they
/// are taken at the features x the RBF units read: the loss is dominated by ‖x − w_D‖², whose Hessian is 2I, so v is
/// Gaussian with variance 2 (the competitive term's curvature is neglected, as the Gauss–Newton approximation does).
/// For cross-entropy over scores s the Hessian is diag(p) − ppᵀ with p = softmax(s), and v = p − e_k with k drawn
/// from p has exactly that covariance.
/// </remarks>
public static class CurvatureEstimator
{
    /// <summary>The paper's sample size: 500 examples before each pass.</summary>
    public const int PaperSampleSize = 500;

    /// <summary>
    /// The estimate for every parameter of <paramref name="model"/>, in <c>parameters()</c> order, averaged over the
    /// examples in <paramref name="inputs"/> (<c>[N, 1, 28, 28]</c>). The sampled estimate leaves the gradients zeroed.
    /// </summary>
    /// <exception cref="LeNetException"><paramref name="kind"/> is back-propagated and the network does not compute it.</exception>
    public static IReadOnlyList<Tensor> Estimate(nn.Module<Tensor, Tensor> model, Tensor inputs, Generator generator,
        CurvatureKind kind = CurvatureKind.Sampled)
    {
        EnsureAvailable(model, kind, model.GetName());
        if (model is IBackPropagatedCurvature network && kind == CurvatureKind.BackPropagated)
            return network.DiagonalSecondDerivatives(inputs);
        var parameters = model.parameters().ToList();
        var sums = parameters.Select(p => zeros_like(p)).ToList();
        var count = inputs.shape[0];
        var rbf = model as IRbfNetwork;
        for (var i = 0; i < count; i++)
        {
            using var scope = NewDisposeScope();
            model.zero_grad();
            var example = inputs.narrow(0, i, 1);
            var outputs = rbf is null ? model.call(example) : rbf.Features(example);
            var direction = rbf is null ? CrossEntropyDirection(outputs, generator) : SquaredDistanceDirection(outputs.shape, outputs.dtype, generator);
            (outputs * direction).sum().backward();
            using var noGrad = no_grad();
            for (var p = 0; p < parameters.Count; p++)
            {
                if (parameters[p].grad is { } grad)
                    sums[p].addcmul_(grad, grad, Scalars.One);
            }
        }
        model.zero_grad();
        using var examples = ((double)count).ToScalar();
        foreach (var sum in sums)
            sum.div_(examples);
        return sums;
    }

    /// <summary>Throws unless <paramref name="model"/> (called <paramref name="networkName"/> in the message) can give <paramref name="kind"/>.</summary>
    /// <exception cref="LeNetException">Back-propagated curvature asked of a network that does not compute it.</exception>
    public static void EnsureAvailable(nn.Module model, CurvatureKind kind, string networkName)
    {
        if (kind == CurvatureKind.BackPropagated && model is not IBackPropagatedCurvature)
            throw new LeNetException($"--curvature backpropagated: only the paper network back-propagates second derivatives, not {networkName}; use --curvature sampled");
    }

    /// <summary>v ~ N(0, 2I) for one example's features (<c>[1, 84]</c>): covariance 2I, the Hessian of ‖x − w‖².</summary>
    internal static Tensor SquaredDistanceDirection(long[] shape, ScalarType dtype, Generator generator) =>
        randn(shape, dtype: dtype, generator: generator).mul_(Scalars.SquareRootOfTwo);

    /// <summary>v = p − e_k, k ~ p: covariance diag(p) − ppᵀ, the Hessian of cross-entropy in the scores.</summary>
    private static Tensor CrossEntropyDirection(Tensor scores, Generator generator)
    {
        var probabilities = scores.detach().softmax(1);
        var drawn = probabilities.multinomial(1, generator: generator).squeeze(1);
        return probabilities - nn.functional.one_hot(drawn, probabilities.shape[1]).to(probabilities.dtype);
    }
}
