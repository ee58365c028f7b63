using LeNet.Models;
using static TorchSharp.torch;

namespace LeNet.Analysis;

/// <summary>Records what chosen layers output during one forward pass (eval mode, no gradients).</summary>
public static class Activations
{
    /// <summary>
    /// The outputs (detached copies, in the caller's dispose scope) of the layers named in <paramref name="layers"/>,
    /// or of every leaf layer when it is null, in call order. Not thread-safe for a shared model: callers serialise.
    /// </summary>
    public static List<(string Layer, Tensor Output)> Capture(nn.Module<Tensor, Tensor> model, Tensor input, IReadOnlyList<string>? layers = null)
    {
        var outputs = new List<(string Layer, Tensor Output)>();
        // The copies move out of the pass's own dispose scope into the caller's.
        LayerCalls.Trace(model, input, call => outputs.Add((call.Name, call.Output.detach().clone().MoveToOuterDisposeScope())),
            include: layers is null ? null : layers.Contains);
        return outputs;
    }
}
