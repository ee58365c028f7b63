using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>
/// Mini-batches sliced out of preloaded tensors by a shuffled index: no per-sample objects, no copying beyond the
/// batch itself. Each epoch's order comes from its own seeded generator, so any epoch (and any batch within it) can
/// be reproduced on its own — which is what makes resuming exact.
/// </summary>
public sealed class BatchSampler(Tensor inputs, Tensor labels, int batchSize, long seed, int? maxBatches = null)
{
    /// <summary>Examples in the set.</summary>
    public int Count { get; } = (int)inputs.shape[0];

    /// <summary>Batches per epoch (the last one may be smaller).</summary>
    public int BatchesPerEpoch => Math.Min((Count + batchSize - 1) / batchSize, maxBatches ?? int.MaxValue);

    /// <summary>
    /// The batches of <paramref name="epoch"/> from batch <paramref name="skip"/> on. Tensors belong to the
    /// caller's dispose scope.
    /// </summary>
    public IEnumerable<(Tensor Inputs, Tensor Labels)> Epoch(int epoch, int skip = 0)
    {
        using var order = Permutation(epoch);
        for (var batch = skip; batch < BatchesPerEpoch; batch++)
        {
            var start = batch * batchSize;
            using var indices = order.narrow(0, start, Math.Min(batchSize, Count - start));
            yield return (inputs.index_select(0, indices), labels.index_select(0, indices));
        }
    }

    private Tensor Permutation(int epoch)
    {
        // A distinct, reproducible stream per (seed, epoch); the multiplier keeps seeds' streams apart.
        using var generator = new Generator((ulong)(seed * 1_000_003 + epoch));
        return randperm(Count, generator: generator, device: inputs.device);
    }
}
