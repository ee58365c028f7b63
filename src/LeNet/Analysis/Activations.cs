using static TorchSharp.torch;

namespace LeNet.Analysis;

/// <summary>
/// Records what chosen layers output during one forward pass (eval mode, no gradients), with forward hooks that exist
/// only for that pass. This is why every model calls its submodules through <c>.call()</c>.
/// </summary>
public static class Activations
{
    /// <summary>
    /// The outputs (detached copies, in the caller's dispose scope) of the layers named in <paramref name="layers"/>,
    /// or of every leaf layer when it is null, in call order. Not thread-safe for a shared model: callers serialise.
    /// </summary>
    public static List<(string Layer, Tensor Output)> Capture(nn.Module<Tensor, Tensor> model, Tensor input, IReadOnlyList<string>? layers = null)
    {
        var outputs = new List<(string Layer, Tensor Output)>();
        var hooks = model.named_modules()
            .Where(m => m.name.Length > 0 && (layers?.Contains(m.name) ?? !m.module.children().Any()) && m.module is nn.Module<Tensor, Tensor>)
            .Select(m => ((nn.Module<Tensor, Tensor>)m.module).register_forward_hook((_, _, output) =>
            {
                outputs.Add((m.name, output.detach().clone().MoveToOuterDisposeScope())); // out of the pass's own scope
                return output;
            }))
            .ToList();
        var wasTraining = model.training;
        try
        {
            using var noGrad = no_grad();
            model.eval();
            using (NewDisposeScope())
                model.call(input);
        }
        finally
        {
            hooks.ForEach(h => h.remove());
            model.train(wasTraining);
        }
        return outputs;
    }
}
