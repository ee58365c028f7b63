using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LeNet.Models;

/// <summary>One row of a model summary: a leaf layer in call order.</summary>
/// <param name="Name">The layer's name in the saved weights (e.g. <c>conv1</c>).</param>
/// <param name="Type">The layer type (e.g. <c>Conv2d</c>).</param>
/// <param name="OutputShape">The output shape for one image, batch dimension first.</param>
/// <param name="Parameters">Parameters owned by the layer.</param>
/// <param name="MultiplyAccumulates">Multiply-accumulate operations for one image.</param>
public sealed record LayerSummary(string Name, string Type, long[] OutputShape, long Parameters, long MultiplyAccumulates);

/// <summary>A torchsummary-style description of a network: layers, shapes, parameters, work and memory.</summary>
public sealed record ModelSummary(
    string Architecture,
    long[] InputShape,
    IReadOnlyList<LayerSummary> Layers,
    long TotalParameters,
    long TrainableParameters,
    long MultiplyAccumulates)
{
    private const int BytesPerFloat = 4;

    /// <summary>Parameter memory in bytes (float32).</summary>
    public long ParameterBytes => TotalParameters * BytesPerFloat;

    /// <summary>Memory of all layer outputs for one image in a forward pass, in bytes (float32).</summary>
    public long ActivationBytes => Layers.Sum(l => l.OutputShape.Aggregate(1L, (a, b) => a * b)) * BytesPerFloat;

    /// <summary>Input memory for one image, in bytes (float32).</summary>
    public long InputBytes => InputShape.Aggregate(1L, (a, b) => a * b) * BytesPerFloat;

    /// <summary>Runs one zero image through <paramref name="model"/> and records every leaf layer it calls.</summary>
    public static ModelSummary Of(string architecture, nn.Module<Tensor, Tensor> model, long[]? inputShape = null)
    {
        inputShape ??= [1, 1, 28, 28];
        var layers = new List<LayerSummary>();
        using (var input = zeros(inputShape))
        {
            LayerCalls.Trace(model, input, call => layers.Add(new LayerSummary(call.Name, call.Module.GetType().Name, call.Output.shape,
                call.Module.parameters().Sum(p => p.numel()), CountMacs(call.Module, call.Input, call.Output))));
        }
        var all = model.parameters().ToList();
        return new ModelSummary(architecture, inputShape, layers,
            all.Sum(p => p.numel()), all.Where(p => p.requires_grad).Sum(p => p.numel()), layers.Sum(l => l.MultiplyAccumulates));
    }

    private static long CountMacs(nn.Module layer, Tensor input, Tensor output) => layer switch
    {
        Conv2d conv => output.numel() * (input.shape[1] / conv.groups) * conv.weight!.shape[2] * conv.weight.shape[3],
        Linear linear => output.numel() * linear.weight.shape[1],
        IMacCounter custom => custom.MultiplyAccumulates(input, output),
        _ => 0,
    };
}

/// <summary>A custom layer that can tell how many multiply-accumulates it performs.</summary>
public interface IMacCounter
{
    /// <summary>Multiply-accumulates for the given input and output.</summary>
    long MultiplyAccumulates(Tensor input, Tensor output);
}
