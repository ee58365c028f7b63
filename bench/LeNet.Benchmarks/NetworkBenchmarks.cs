using BenchmarkDotNet.Attributes;
using LeNet.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace LeNet.Benchmarks;

/// <summary>
/// LeNet-5 on each compute path: inference on 1,000 images and one Adam step on 512, with random normalised inputs
/// (the per-path speed on real MNIST, with data handling, is what <c>lenet bench</c> reports). In process: the
/// build's copy of TorchSharp's native library is the one patched to load on Debian 12 (DEVELOPERS.md).
/// </summary>
[InProcess]
public class NetworkBenchmarks
{
    private LeNet5 _model = null!;
    private Tensor _images = null!, _batch = null!, _labels = null!;
    private optim.Optimizer _optimizer = null!;

    [Params(ComputePath.Fast, ComputePath.Plain)]
    public ComputePath Path { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        random.manual_seed(1);
        _model = new LeNet5();
        new ComputeSettings(Path).Apply(_model); // the fast path runs libtorch single-threaded
        _images = randn(1000, 1, 28, 28);
        _batch = randn(512, 1, 28, 28);
        _labels = randint(0, 10, [512]);
        _optimizer = optim.Adam(_model.parameters(), 0.001);
    }

    [Benchmark]
    public float Infer1000()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return _model.call(_images).sum().item<float>();
    }

    [Benchmark]
    public float TrainStep512()
    {
        using var scope = NewDisposeScope();
        _optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(_model.call(_batch), _labels);
        loss.backward();
        _optimizer.step();
        return loss.item<float>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _optimizer.Dispose();
        _model.Dispose();
    }
}
