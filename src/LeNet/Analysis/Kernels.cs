using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LeNet.Analysis;

/// <summary>A convolution layer's learned kernels: <c>[out, in, k, k]</c> values, row-major.</summary>
public sealed record ConvolutionKernels(string Layer, int Outputs, int Inputs, int Size, float[] Weights)
{
    /// <summary>The k × k weights connecting input channel <paramref name="input"/> to output <paramref name="output"/>.</summary>
    public ReadOnlySpan<float> Kernel(int output, int input) => Weights.AsSpan((output * Inputs + input) * Size * Size, Size * Size);

    /// <summary>Every 2-D convolution's kernels, in module order.</summary>
    public static IReadOnlyList<ConvolutionKernels> Of(nn.Module model) =>
        [.. model.named_modules()
            .Where(m => m.module is Conv2d)
            .Select(m =>
            {
                using var weight = ((Conv2d)m.module).weight!.detach().cpu();
                return new ConvolutionKernels(m.name, (int)weight.shape[0], (int)weight.shape[1], (int)weight.shape[2], weight.data<float>().ToArray());
            })];
}
