using LeNet.Models;
using LeNet.Models.Fast;
using static TorchSharp.torch;

namespace LeNet.Inference;

/// <summary>Recognizers over models trained here: in C# where the network allows it, else on TorchSharp.</summary>
public static class TorchEngine
{
    /// <summary>
    /// The network that runs <paramref name="model"/>: on the fast path a LeNet-5 (or an ensemble of them) runs in C#
    /// over a snapshot of its weights (<see cref="CSharpNetwork"/>; the model is disposed at once when owned); every
    /// other case runs on TorchSharp (<see cref="TorchNetwork"/>).
    /// </summary>
    public static INetwork Network(TrainedModel model, ComputeSettings compute, bool ownsModel = true)
    {
        if (compute.Path != ComputePath.Fast || Snapshot(model) is not { } members)
            return new TorchNetwork(model, compute.Path == ComputePath.Fast ? compute with { Path = ComputePath.Plain } : compute, ownsModel);
        var temperatures = model.Network is EnsembleNetwork ensemble ? ensemble.Temperatures : [1.0];
        var network = CSharpNetwork.FromWeights(members, temperatures, compute.Threads);
        if (ownsModel)
            model.Dispose();
        return network;
    }

    /// <summary>A recognizer reading with <paramref name="model"/> (see <see cref="Network"/>).</summary>
    public static DigitRecognizer Recognizer(TrainedModel model, RecognizerOptions? options = null, ComputePath path = ComputePath.Fast, bool ownsModel = true)
    {
        var metadata = model.Metadata;
        return new DigitRecognizer(metadata, Network(model, new ComputeSettings(path, options?.Threads ?? 0), ownsModel), options);
    }

    private static IReadOnlyList<IReadOnlyDictionary<string, float[]>>? Snapshot(TrainedModel model)
    {
        IReadOnlyList<nn.Module<Tensor, Tensor>> members = model.Network is EnsembleNetwork ensemble ? ensemble.Members : [model.Network];
        if (!members.All(m => m is LeNet5))
            return null;
        using var noGrad = no_grad();
        return [.. members.Select(m => (IReadOnlyDictionary<string, float[]>)m.named_parameters().ToDictionary(p => p.name, p => FusedConvolutionStack.Floats(p.parameter)))];
    }
}
