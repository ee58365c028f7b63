using static TorchSharp.torch;

namespace LeNet.Analysis;

/// <summary>
/// Captures what chosen layers output during a forward pass, with forward hooks (which is why every model calls its
/// submodules through <c>.call()</c>). The hooks exist only for the duration of one capture.
/// </summary>
public static class FeatureMaps
{
    /// <summary>
    /// Runs <paramref name="input"/> (<c>[1, 1, 28, 28]</c>, normalised) through <paramref name="model"/> and returns
    /// the outputs of the layers named in <paramref name="layers"/>, in that order. Not thread-safe for a shared model:
    /// callers serialise.
    /// </summary>
    public static IReadOnlyList<FeatureMap> Capture(nn.Module<Tensor, Tensor> model, Tensor input, IReadOnlyList<string> layers)
    {
        using var scope = NewDisposeScope();
        return [.. Activations.Capture(model, input, layers)
            .Where(a => a.Output.dim() == 4)
            .Select(a =>
            {
                var first = a.Output[0].cpu();
                return new FeatureMap(a.Layer, (int)first.shape[0], (int)first.shape[1], (int)first.shape[2], first.data<float>().ToArray());
            })];
    }

    /// <summary>The layers worth showing for a network: each convolution's activation (or the convolution itself), and each pooling.</summary>
    public static IReadOnlyList<string> ConvolutionLayers(nn.Module<Tensor, Tensor> model) =>
        [.. model.named_modules().Where(m => m.name.Length > 0 && !m.module.children().Any() && m.module.GetType().Name.Contains("Conv", StringComparison.Ordinal)).Select(m => m.name)];
}
