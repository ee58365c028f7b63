using LeNet.Training;
using static TorchSharp.torch;

namespace LeNet.Tests.Training;

public sealed class BatchSamplerTests
{
    [Fact]
    public void One_example_per_batch_yields_the_epochs_order_one_at_a_time()
    {
        using var scope = NewDisposeScope();
        var inputs = arange(30 * 784, dtype: ScalarType.Float32).reshape(30, 1, 28, 28);
        var labels = arange(30, dtype: ScalarType.Int64).remainder(10);

        var singles = new BatchSampler(inputs, labels, batchSize: 1, seed: 4).Epoch(3).ToList();
        var (whole, wholeLabels) = new BatchSampler(inputs, labels, batchSize: 30, seed: 4).Epoch(3).Single();

        Assert.Equal(30, singles.Count);
        Assert.All(singles, s => Assert.Equal([1, 1, 28, 28], s.Inputs.shape));
        Assert.True(cat([.. singles.Select(s => s.Inputs)]).eq(whole).all().item<bool>());
        Assert.True(cat([.. singles.Select(s => s.Labels)]).eq(wholeLabels).all().item<bool>());
        Assert.False(whole.eq(inputs).all().item<bool>()); // the order is shuffled
    }

    [Fact]
    public void One_example_per_batch_resumes_where_it_stopped()
    {
        using var scope = NewDisposeScope();
        var inputs = arange(10 * 784, dtype: ScalarType.Float32).reshape(10, 1, 28, 28);
        var labels = arange(10, dtype: ScalarType.Int64);
        var sampler = new BatchSampler(inputs, labels, batchSize: 1, seed: 2);

        var all = sampler.Epoch(1).Select(b => b.Labels.item<long>()).ToList();
        var rest = sampler.Epoch(1, skip: 6).Select(b => b.Labels.item<long>()).ToList();

        Assert.Equal(all.Skip(6), rest);
    }
}
