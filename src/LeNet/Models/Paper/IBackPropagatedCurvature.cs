using static TorchSharp.torch;

namespace LeNet.Models.Paper;

/// <summary>
/// A network that computes the paper's own curvature estimate (LeCun et al. 1998, appendix C, after Becker and LeCun
/// 1989): second derivatives back-propagated layer by layer with the Gauss–Newton approximation, keeping only the
/// diagonal terms, and summed over the connections that share a weight.
/// </summary>
public interface IBackPropagatedCurvature
{
    /// <summary>h_kk for every parameter, in <c>parameters()</c> order, averaged over <paramref name="inputs"/> (<c>[N, 1, 28, 28]</c>).</summary>
    IReadOnlyList<Tensor> DiagonalSecondDerivatives(Tensor inputs);
}
