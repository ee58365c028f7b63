using LeNet.Models.Paper;
using LeNet.Training;
using static TorchSharp.torch;

namespace LeNet.Tests.Models;

/// <summary>
/// TorchSharp's tensor <c>+</c> and <c>−</c> pass libtorch a Scalar (alpha = 1) made for the call, which nothing keeps
/// alive while libtorch runs: a garbage collection in that window lets the finalizer free it, and libtorch reads freed
/// memory ("Expected false to be true" from <c>toFloat</c>, seen once in about fifty 20-pass paper runs, in the curvature
/// estimate). The paper network's forward and curvature passes use the process's constant scalars instead.
/// </summary>
public sealed class ScalarLifetimeTests
{
    [Fact]
    public void The_paper_network_and_its_curvature_estimate_survive_collections_during_every_call()
    {
        using var network = new PaperLeNet5();
        using var images = randn(2, 1, 28, 28);
        using var generator = new TorchSharp.torch.Generator(1);
        var stop = false;
        var collector = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        try
        {
            for (var i = 0; i < 3000; i++)
            {
                using var scope = NewDisposeScope();
                network.call(images);
                if (i % 100 == 0)
                    CurvatureEstimator.Estimate(network, images, generator);
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            collector.Join();
        }
    }
}
