using LeNet.Models;
using LeNet.Models.Paper;
using static TorchSharp.torch;

namespace LeNet.Tests.Models;

/// <summary>The 1998 paper's LeNet-5, checked against the numbers the paper prints.</summary>
public sealed class PaperLeNet5Tests
{
    [Fact]
    public void Trainable_parameters_per_layer_are_the_papers()
    {
        using var network = new PaperLeNet5();

        var trainable = network.named_parameters().Where(p => p.parameter.requires_grad)
            .GroupBy(p => p.name.Split('.')[0])
            .ToDictionary(g => g.Key, g => g.Sum(p => p.parameter.numel()));

        Assert.Equal(156, trainable["c1"]);
        Assert.Equal(12, trainable["s2"]);
        Assert.Equal(1_516, trainable["c3"]);
        Assert.Equal(32, trainable["s4"]);
        Assert.Equal(48_120, trainable["c5"]);
        Assert.Equal(10_164, trainable["f6"]);
        Assert.Equal(60_000, trainable.Values.Sum());
        Assert.DoesNotContain(network.named_parameters(), p => p.name.StartsWith("output", StringComparison.Ordinal)); // the RBF bitmaps are fixed
    }

    [Theory]
    [InlineData("c1", 122_304)]
    [InlineData("s2", 5_880)]
    [InlineData("c3", 151_600)]
    [InlineData("s4", 2_000)]
    [InlineData("c5", 48_120)]
    [InlineData("f6", 10_164)]
    public void Connections_per_layer_are_the_papers(string layer, long connections)
    {
        using var network = new PaperLeNet5();

        var summary = ModelSummary.Of("paper", network).Layers.Single(l => l.Name == layer);

        // The paper counts a connection per multiply and one per bias (one bias per output unit).
        var outputs = summary.OutputShape.Skip(1).Aggregate(1L, (a, b) => a * b);
        Assert.Equal(connections, summary.MultiplyAccumulates + outputs);
    }

    [Fact]
    public void C3_follows_Table_I_and_has_no_weight_outside_it()
    {
        using var c3 = new PartialConvolution();

        using var kernel = c3.DenseKernel();

        for (var output = 0; output < 16; output++)
            for (var input = 0; input < 6; input++)
            {
                var connected = PartialConvolution.Connections[output].Contains(input);
                var magnitude = kernel[output, input].abs().sum().item<float>();
                Assert.True(connected ? magnitude > 0 : magnitude == 0, $"C3 map {output} ← S2 map {input}");
            }
        Assert.Equal([3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 6], PartialConvolution.Connections.Select(c => c.Length));
    }

    [Fact]
    public void Layers_have_the_papers_map_sizes()
    {
        using var network = new PaperLeNet5();

        var shapes = ModelSummary.Of("paper", network).Layers.ToDictionary(l => l.Name, l => l.OutputShape);

        Assert.Equal([1, 6, 28, 28], shapes["c1"]);
        Assert.Equal([1, 6, 14, 14], shapes["s2"]);
        Assert.Equal([1, 16, 10, 10], shapes["c3"]);
        Assert.Equal([1, 16, 5, 5], shapes["s4"]);
        Assert.Equal([1, 120, 1, 1], shapes["c5"]);
        Assert.Equal([1, 84], shapes["f6"]);
        Assert.Equal([1, 10], shapes["output"]);
    }

    [Fact]
    public void Weights_start_uniform_within_2_4_over_fan_in()
    {
        using var network = new PaperLeNet5();

        var limits = new Dictionary<string, double> { ["c1"] = 2.4 / 25, ["s2"] = 2.4 / 4, ["c5"] = 2.4 / 400, ["f6"] = 2.4 / 120, ["c3"] = 2.4 / 75 };
        foreach (var (name, parameter) in network.named_parameters())
        {
            var layer = name.Split('.')[0];
            if (limits.TryGetValue(layer, out var limit))
                Assert.True(parameter.abs().max().item<float>() <= limit + 1e-6, $"{name} exceeds ±{limit}");
        }
    }

    [Fact]
    public void The_squashing_function_maps_plus_and_minus_one_to_themselves()
    {
        using var squash = new Squashing();

        using var values = squash.call(tensor(new float[] { -1, 0, 1 }));

        Assert.Equal([-1f, 0f, 1f], values.data<float>().ToArray().Select(v => MathF.Round(v, 3)));
    }

    [Fact]
    public void The_RBF_outputs_are_minus_the_distance_to_each_digit_bitmap()
    {
        var prototypes = DigitBitmaps.Prototypes();
        using var rbf = new EuclideanRbf(prototypes);
        using var seven = tensor(prototypes[(7 * 84)..(8 * 84)], [1, 84]);

        using var scores = rbf.call(seven);

        Assert.Equal(0f, scores[0, 7].item<float>());
        Assert.Equal(7, scores.argmax(1).item<long>());
        Assert.All(prototypes, v => Assert.True(v is 1 or -1));
    }

    [Fact]
    public void The_paper_loss_prefers_a_small_penalty_on_the_right_class()
    {
        using var labels = tensor(new long[] { 3 });
        using var right = tensor(new float[] { -50, -50, -50, -1, -50, -50, -50, -50, -50, -50 }, [1, 10]);
        using var wrong = tensor(new float[] { -50, -50, -50, -50, -1, -50, -50, -50, -50, -50 }, [1, 10]);

        Assert.True(PaperLoss.Compute(right, labels).item<float>() < PaperLoss.Compute(wrong, labels).item<float>());
    }

    [Fact]
    public void Gradients_reach_every_trainable_parameter()
    {
        using var network = new PaperLeNet5();
        using var images = randn(8, 1, 28, 28);
        using var labels = tensor(new long[] { 0, 1, 2, 3, 4, 5, 6, 7 });

        PaperLoss.Compute(network.call(images), labels).backward();

        Assert.All(network.parameters(), p => Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0));
    }

    [Fact]
    public void It_is_an_architecture_with_its_own_input_mapping_and_loss()
    {
        var paper = Architecture.FromName("paper");

        Assert.NotNull(paper.Loss);
        Assert.Equal(-0.1, paper.Input!.Background, 6);            // background pixels
        Assert.Equal(1.175, (1 - paper.Input.Mean) / paper.Input.StandardDeviation, 6); // ink
    }
}
