using LeNet.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>
/// Mini-batches sliced out of preloaded tensors by a shuffled index: no per-sample objects, no copying beyond the
/// batch itself. Each epoch's order comes from its own seeded generator, so any epoch (and any batch within it) can
/// be reproduced on its own — which is what makes resuming exact. Distortions, when asked for, are drawn the same way.
/// </summary>
/// <param name="outlierLabel">The label outliers carry: −1 (trained towards a uniform prediction) or the reject output's index.</param>
public sealed class BatchSampler(Tensor inputs, Tensor labels, int batchSize, long seed, int? maxBatches = null, Augmenter? augmenter = null,
    Tensor? outliers = null, long outlierLabel = LossFunction.OutlierLabel)
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
        // The order outlives every batch's dispose scope (the first batch is made inside one).
        using var order = Permutation(epoch).DetachFromDisposeScope();
        // One example per step (the paper's training): the example is a view, found by an index read in C#, which
        // costs two native calls where a gathered copy costs three and its index tensor.
        var single = batchSize == 1 && inputs.device_type == DeviceType.CPU ? order.data<long>().ToArray() : null;
        for (var batch = skip; batch < BatchesPerEpoch; batch++)
        {
            var (batchInputs, batchLabels) = single is null ? Gather(order, batch * batchSize) : (inputs.narrow(0, single[batch], 1), labels.narrow(0, single[batch], 1));
            if (outliers is not null)
                (batchInputs, batchLabels) = WithOutliers(batchInputs, batchLabels, epoch, batch);
            yield return (augmenter?.Apply(batchInputs, epoch, batch) ?? batchInputs, batchLabels);
        }
    }

    /// <summary>Copies of the examples at positions <paramref name="start"/>… of <paramref name="order"/>.</summary>
    private (Tensor Inputs, Tensor Labels) Gather(Tensor order, int start)
    {
        using var indices = order.narrow(0, start, Math.Min(batchSize, Count - start));
        return (inputs.index_select(0, indices), labels.index_select(0, indices));
    }

    /// <summary>Appends a quarter batch of outliers (label −1), drawn reproducibly per (seed, epoch, batch).</summary>
    private (Tensor Inputs, Tensor Labels) WithOutliers(Tensor batchInputs, Tensor batchLabels, int epoch, int batch)
    {
        var count = Math.Max(1, (int)batchInputs.shape[0] / 4);
        using var generator = new Generator((ulong)SeedStream.Of(seed, epoch, batch) ^ 0x5EED);
        var picks = randint(outliers!.shape[0], [count], generator: generator, device: batchInputs.device);
        var chosen = outliers.index_select(0, picks);
        return (cat([batchInputs, chosen]), cat([batchLabels, full(count, outlierLabel, ScalarType.Int64, batchLabels.device)]));
    }

    private Tensor Permutation(int epoch)
    {
        using var generator = new Generator((ulong)SeedStream.Of(seed, epoch));
        return randperm(Count, generator: generator, device: inputs.device);
    }
}
