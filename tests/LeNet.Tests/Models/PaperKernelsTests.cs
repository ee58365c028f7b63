using System.Runtime.Intrinsics;
using LeNet.Models.Fast;

namespace LeNet.Tests.Models;

/// <summary>The paper network's fused kernels: the parts not covered by comparing whole steps with TorchSharp.</summary>
public sealed class PaperKernelsTests
{
    [Fact]
    public void Their_tanh_is_tanh_to_float_precision_over_every_input()
    {
        var worst = 0.0;
        for (var x = -40.0; x <= 40.0; x += 0.0007)
        {
            var approximation = PaperKernels.Tanh(Vector256.Create((float)x)).ToScalar();
            var exact = Math.Tanh((float)x);
            worst = Math.Max(worst, Math.Abs(approximation - exact) / Math.Max(Math.Abs(exact), 1e-3));
        }

        Assert.True(worst < 1e-6, $"relative error up to {worst:E2}");
        Assert.Equal(0f, PaperKernels.Tanh(Vector256<float>.Zero).ToScalar());
        Assert.Equal(-PaperKernels.Tanh(Vector256.Create(0.3f)).ToScalar(), PaperKernels.Tanh(Vector256.Create(-0.3f)).ToScalar());
    }
}
