using static TorchSharp.torch;

namespace LeNet.Models;

/// <summary>One call of a leaf layer during a traced forward pass. Its tensors live only as long as the callback.</summary>
public readonly record struct LayerCall(string Name, nn.Module Module, Tensor Input, Tensor Output);

/// <summary>
/// Runs one forward pass and reports every leaf layer's call, in call order, through forward hooks that exist only for
/// that pass (which is why every model calls its submodules through <c>.call()</c>). The summary, feature maps,
/// robustness experiments and the ONNX exporter all look at a network this way.
/// </summary>
public static class LayerCalls
{
    /// <summary>
    /// Runs <paramref name="input"/> through <paramref name="model"/> in eval mode without gradients, calling
    /// <paramref name="onCall"/> for each leaf layer whose name passes <paramref name="include"/> (all when null), and
    /// <paramref name="onOutput"/> with the network's output. Not thread-safe for a shared model: callers serialise.
    /// </summary>
    public static void Trace(nn.Module<Tensor, Tensor> model, Tensor input, Action<LayerCall> onCall,
        Func<string, bool>? include = null, Action<Tensor>? onOutput = null)
    {
        var hooks = model.named_modules()
            .Where(m => m.name.Length > 0 && !m.module.children().Any() && m.module is nn.Module<Tensor, Tensor> && (include?.Invoke(m.name) ?? true))
            .Select(m => ((nn.Module<Tensor, Tensor>)m.module).register_forward_hook((layer, layerInput, output) =>
            {
                onCall(new LayerCall(m.name, layer, layerInput, output));
                return output;
            }))
            .ToList();
        var wasTraining = model.training;
        var path = (model as IHasComputePath)?.Path;
        try
        {
            if (model is IHasComputePath layered)
                layered.Path = ComputePath.Plain; // only the plain path calls every layer

            using var noGrad = no_grad();
            model.eval();
            using var scope = NewDisposeScope();
            var output = model.call(input);
            onOutput?.Invoke(output);
        }
        finally
        {
            hooks.ForEach(h => h.remove());
            model.train(wasTraining);
            if (model is IHasComputePath layered && path is { } previous)
                layered.Path = previous;
        }
    }
}
