using LeNet.Models.Paper;
using static TorchSharp.torch;

namespace LeNet.Tests.Models;

/// <summary>The paper's curvature estimate: second derivatives back-propagated with the Gauss–Newton approximation (appendix C).</summary>
public sealed class PaperSecondDerivativesTests
{
    [Fact]
    public void At_f6_the_estimate_is_the_exact_gauss_newton_diagonal()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(5);
        using var network = new PaperLeNet5();
        var inputs = randn(3, 1, 28, 28);
        var names = network.named_parameters().Select(p => p.name).ToList();
        var estimate = network.DiagonalSecondDerivatives(inputs);

        // Exact: the mean over examples of Σ_k 2·(∂x_k/∂w)², x the 84 features the RBF units read (their Hessian is 2I).
        var features = network.Features(inputs);
        var parameters = network.named_parameters().Where(p => p.name.StartsWith("f6", StringComparison.Ordinal)).ToList();
        var exact = parameters.Select(p => zeros_like(p.parameter)).ToList();
        for (var n = 0; n < 3; n++)
        {
            for (var k = 0; k < 84; k++)
            {
                network.zero_grad();
                features[n, k].backward(retain_graph: true);
                for (var i = 0; i < parameters.Count; i++)
                    exact[i].add_(parameters[i].parameter.grad!.square().mul(2.0 / 3));
            }
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            var fromNetwork = estimate[names.IndexOf(parameters[i].name)];
            Assert.True(fromNetwork.allclose(exact[i], rtol: 1e-4, atol: 1e-8), parameters[i].name);
        }
    }

    [Fact]
    public void Every_estimate_is_positive_and_shaped_like_its_parameter()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(6);
        using var network = new PaperLeNet5();

        var estimate = network.DiagonalSecondDerivatives(rand(20, 1, 28, 28));

        Assert.Equal(network.parameters().Select(p => p.shape), estimate.Select(h => h.shape));
        Assert.All(estimate, h => Assert.True(h.gt(0).all().item<bool>()));
    }
}
