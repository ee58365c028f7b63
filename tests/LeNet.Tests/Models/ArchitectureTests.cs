using LeNet.Models;
using static TorchSharp.torch;

namespace LeNet.Tests.Models;

public sealed class ArchitectureTests
{
    [Theory]
    [InlineData("lenet5", 61_706)]   // 156 + 2,416 + 48,120 + 10,164 + 850
    [InlineData("classic", 61_706)]  // the same layers with sigmoid and average pooling
    [InlineData("tutorial", 44_426)] // 156 + 2,416 + 30,840 + 10,164 + 850
    [InlineData("keras", 56_930)]    // 60 + 880 + 48,120 + 7,260 + 610
    [InlineData("compact", 61_658)]  // 400 + 4,608 + 13,824 + 41,472 convolutions, 384 batch-norm scales and shifts, 970 output
    public void Each_architecture_has_its_published_parameter_count(string name, long parameters)
    {
        using var network = Architecture.FromName(name).Create();

        Assert.Equal(parameters, network.parameters().Sum(p => p.numel()));
    }

    [Theory]
    [InlineData("lenet5", "conv1", new long[] { 1, 6, 28, 28 }, "pool1", new long[] { 1, 6, 14, 14 }, "pool2", new long[] { 1, 16, 5, 5 })]
    [InlineData("classic", "conv1", new long[] { 1, 6, 28, 28 }, "pool1", new long[] { 1, 6, 14, 14 }, "pool2", new long[] { 1, 16, 5, 5 })]
    [InlineData("tutorial", "conv1", new long[] { 1, 6, 24, 24 }, "pool1", new long[] { 1, 6, 12, 12 }, "pool2", new long[] { 1, 16, 4, 4 })]
    [InlineData("keras", "conv1", new long[] { 1, 6, 26, 26 }, "pool1", new long[] { 1, 6, 13, 13 }, "pool2", new long[] { 1, 16, 5, 5 })]
    [InlineData("compact", "features.0", new long[] { 1, 16, 28, 28 }, "features.3", new long[] { 1, 16, 14, 14 }, "features.14", new long[] { 1, 96, 1, 1 })]
    public void Layers_produce_the_documented_shapes(string name, string layerA, long[] shapeA, string layerB, long[] shapeB, string layerC, long[] shapeC)
    {
        using var network = Architecture.FromName(name).Create();

        var summary = ModelSummary.Of(name, network);

        Assert.Equal(shapeA, summary.Layers.Single(l => l.Name == layerA).OutputShape);
        Assert.Equal(shapeB, summary.Layers.Single(l => l.Name == layerB).OutputShape);
        Assert.Equal(shapeC, summary.Layers.Single(l => l.Name == layerC).OutputShape);
        Assert.Equal([1, 10], summary.Layers[^1].OutputShape);
    }

    [Fact]
    public void The_summary_counts_multiply_accumulates_per_layer()
    {
        using var network = new LeNet5();

        var summary = ModelSummary.Of("lenet5", network);

        Assert.Equal(6 * 28 * 28 * 25, summary.Layers.Single(l => l.Name == "conv1").MultiplyAccumulates);
        Assert.Equal(16 * 10 * 10 * 6 * 25, summary.Layers.Single(l => l.Name == "conv2").MultiplyAccumulates);
        Assert.Equal(400 * 120 + 120 * 84 + 84 * 10, summary.Layers.Where(l => l.Type == "Linear").Sum(l => l.MultiplyAccumulates));
        Assert.Equal(61_706 * 4, summary.ParameterBytes);
    }

    [Fact]
    public void Saved_weight_names_are_frozen_because_they_are_the_file_format()
    {
        using var network = new LeNet5();

        var names = network.state_dict().Keys.ToArray();

        Assert.Equal(
            ["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"],
            names);
    }

    [Fact]
    public void An_unknown_architecture_is_refused_with_the_choices()
    {
        var error = Assert.Throws<LeNetException>(() => Architecture.FromName("resnet"));

        Assert.Contains("lenet5, classic, tutorial, keras", error.Message);
    }

    [Fact]
    public void Every_architecture_maps_a_batch_of_images_to_ten_scores()
    {
        foreach (var architecture in Architecture.All)
        {
            using var network = architecture.Create();
            using var scores = network.call(randn(3, 1, 28, 28));
            Assert.Equal([3, 10], scores.shape);
        }
    }
}
