using static TorchSharp.torch;

namespace LeNet.Adaptation;

/// <summary>A copy of a network's weights at its best score so far (lower is better): early stopping without a file.</summary>
internal sealed class BestState : IDisposable
{
    private Dictionary<string, Tensor> _weights;
    private double _score;

    public BestState(nn.Module network, double score)
    {
        _weights = Copy(network);
        _score = score;
    }

    /// <summary>Keeps <paramref name="network"/>'s weights when <paramref name="score"/> is at least as good as the best.</summary>
    public void Offer(nn.Module network, double score)
    {
        if (!(score <= _score))
            return;
        Dispose();
        (_weights, _score) = (Copy(network), score);
    }

    /// <summary>Puts the best weights back into <paramref name="network"/>.</summary>
    public void Restore(nn.Module network)
    {
        using var noGrad = no_grad();
        foreach (var (name, weight) in network.state_dict())
            weight.copy_(_weights[name]);
    }

    private static Dictionary<string, Tensor> Copy(nn.Module network)
    {
        using var noGrad = no_grad();
        return network.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone().DetachFromDisposeScope());
    }

    public void Dispose()
    {
        foreach (var weight in _weights.Values)
            weight.Dispose();
    }
}
