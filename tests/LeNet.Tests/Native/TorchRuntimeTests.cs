using LeNet.Models;
using LeNet.Native;
using static TorchSharp.torch;

namespace LeNet.Tests.Native;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void Libtorch_loads_and_multiplies_matrices()
    {
        TorchRuntime.EnsureLoaded();

        using var a = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        using var product = a.matmul(a);

        Assert.Equal([7f, 10f, 15f, 22f], product.data<float>().ToArray());
    }

    [Fact]
    public void The_thread_setting_reaches_libtorch()
    {
        var previous = get_num_threads();
        try
        {
            new ComputeSettings(ComputePath.Plain, 1).ApplyToProcess();
            Assert.Equal(1, get_num_threads());
            new ComputeSettings(ComputePath.Fast, 2).ApplyToProcess();
            Assert.Equal(1, get_num_threads()); // the fused kernels take the cores; libtorch stays single-threaded
            new ComputeSettings(ComputePath.Plain, 2).ApplyToProcess();
            Assert.Equal(2, get_num_threads());
        }
        finally
        {
            set_num_threads(previous);
        }
    }
}
