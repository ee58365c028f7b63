using LeNet.Models.Paper;
using LeNet.Training;
using static TorchSharp.torch;

namespace LeNet.Tests.Models;

/// <summary>
/// TorchSharp's tensor <c>+</c> and <c>−</c> pass libtorch a Scalar (alpha = 1) made for the call, which nothing keeps
/// alive while libtorch runs: a garbage collection in that window lets the finalizer free it, and libtorch reads freed
/// memory ("Expected false to be true" from <c>toFloat</c>, seen once in about fifty 20-pass paper runs, in the curvature
/// estimate). The paper network's forward and curvature passes use the process's constant scalars instead. Before that
/// fix this test failed within seconds; it runs for 20 s, or 3,000 calls if they come sooner, but always 100 calls (in a
/// whole test run the heap is large, each forced collection slow, and 3,000 calls took 400 s).
/// </summary>
public sealed class ScalarLifetimeTests
{
    private const int MostCalls = 3_000, FewestCalls = 100, CurvatureEvery = 20;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

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
        var collectionsBefore = GC.CollectionCount(2);
        collector.Start();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            for (var call = 0; call < MostCalls && (call < FewestCalls || clock.Elapsed < Budget); call++)
            {
                using var scope = NewDisposeScope();
                network.call(images);
                if (call % CurvatureEvery == 0)
                    CurvatureEstimator.Estimate(network, images, generator);
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            collector.Join();
        }
        Assert.True(GC.CollectionCount(2) - collectionsBefore >= FewestCalls / 10,
            $"only {GC.CollectionCount(2) - collectionsBefore} collections ran while the network did: nothing was tested");
    }
}
