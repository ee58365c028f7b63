using static TorchSharp.torch;

namespace LeNet.Models;

/// <summary>A network together with its metadata, as loaded from or saved to a model file.</summary>
public sealed class TrainedModel(nn.Module<Tensor, Tensor> network, ModelMetadata metadata) : IDisposable
{
    /// <summary>The network, in evaluation mode after loading.</summary>
    public nn.Module<Tensor, Tensor> Network { get; } = network;

    /// <summary>
    /// The network whose layers tools look inside (kernels, feature maps, saliency, export): the network itself, or an
    /// ensemble's first member.
    /// </summary>
    public nn.Module<Tensor, Tensor> Inspected => Network is EnsembleNetwork ensemble ? ensemble.Members[0] : Network;

    /// <summary>What the file says about the network.</summary>
    public ModelMetadata Metadata { get; } = metadata;

    /// <inheritdoc />
    public void Dispose() => Network.Dispose();
}
