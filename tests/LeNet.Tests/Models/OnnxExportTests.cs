using LeNet.Data;
using LeNet.Export;
using LeNet.Models;
using LeNet.Tests.Support;
using LeNet.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace LeNet.Tests.Models;

public sealed class OnnxExportTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static TrainedModel Untrained(string architecture)
    {
        random.manual_seed(11);
        var network = Architecture.FromName(architecture).Create();
        network.eval();
        return new TrainedModel(network, ModelFile.LoadBundled().Metadata with { Architecture = architecture });
    }

    /// <summary>Exports, runs the file in ONNX Runtime on real test digits, and compares with TorchSharp.</summary>
    private (double MaxDifference, double TorchAccuracy, double OnnxAccuracy) Compare(TrainedModel model, int count)
    {
        var path = _temp.File($"{model.Metadata.Architecture}.onnx");
        OnnxExporter.Export(model, path);
        using var mnist = new DatasetLoader(TestData.Options).Load(DatasetInfo.Mnist);
        using var test = LabelledTensors.From(mnist.Test, model.Metadata.Normalization, CPU);
        using var inputs = test.Inputs.narrow(0, 0, count).contiguous();
        var labels = test.LabelArray()[..count];
        var torchScores = Evaluator.Logits(model.Network, inputs);
        using var onnx = new OnnxModel(File.ReadAllBytes(path), path);
        var onnxScores = new List<float>();
        var flat = inputs.data<float>().ToArray();
        for (var start = 0; start < count; start += 1000) // batches of different sizes exercise the dynamic batch dimension
        {
            var size = Math.Min(1000, count - start);
            onnxScores.AddRange(onnx.Scores(flat[(start * 784)..((start + size) * 784)], size));
        }
        var classes = onnx.Classes;
        double Accuracy(IReadOnlyList<float> scores) => Enumerable.Range(0, count).Count(i =>
            Enumerable.Range(0, classes).MaxBy(c => scores[i * classes + c]) == labels[i]) / (double)count;
        var difference = torchScores.Zip(onnxScores, (a, b) => Math.Abs(a - b)).Max();
        return (difference, Accuracy(torchScores), Accuracy(onnxScores));
    }

    [Theory]
    [InlineData("lenet5")]
    [InlineData("classic")]
    [InlineData("tutorial")]
    [InlineData("keras")]
    [InlineData("compact")]
    public void Every_architecture_exports_and_runs_identically_in_ONNX_Runtime(string architecture)
    {
        using var model = Untrained(architecture);

        var (difference, torchAccuracy, onnxAccuracy) = Compare(model, 2_000);

        Assert.True(difference < 1e-4, $"largest score difference {difference}");
        Assert.Equal(torchAccuracy, onnxAccuracy);
    }

    [Fact]
    public void Batch_normalisation_exports_with_the_statistics_it_learned()
    {
        using var model = Untrained("compact");
        using (no_grad())
        {
            foreach (var norm in model.Network.modules().OfType<TorchSharp.Modules.BatchNorm2d>())
            {
                var n = norm.weight!.shape[0];
                norm.weight.copy_(rand(n) + 0.5f);
                norm.bias!.copy_(randn(n));
                norm.running_mean!.copy_(randn(n));
                norm.running_var!.copy_(rand(n) + 0.2f);
            }
        }

        var (difference, torchAccuracy, onnxAccuracy) = Compare(model, 1_000);

        Assert.True(difference < 1e-4, $"largest score difference {difference}");
        Assert.Equal(torchAccuracy, onnxAccuracy);
    }

    [Fact]
    public void The_bundled_model_has_the_same_test_accuracy_in_ONNX_Runtime()
    {
        using var model = ModelFile.LoadBundled();

        var (difference, torchAccuracy, onnxAccuracy) = Compare(model, 10_000);

        TestReport.Write(output, $"ONNX export of the bundled model: test accuracy {onnxAccuracy:P2} in ONNX Runtime, {torchAccuracy:P2} in TorchSharp, largest score difference {difference:E1}");
        Assert.True(difference < 1e-4, $"largest score difference {difference}");
        Assert.Equal(torchAccuracy, onnxAccuracy);
    }

    [Fact]
    public void A_network_that_is_not_a_chain_of_layers_is_refused_with_the_reason()
    {
        using var model = new TrainedModel(new Branching(), ModelFile.LoadBundled().Metadata with { Architecture = "branching" });

        var error = Assert.Throws<LeNetException>(() => OnnxExporter.Export(model, _temp.File("x.onnx")));

        Assert.Contains("cannot export", error.Message);
    }

    [Fact]
    public void Adaptive_pooling_to_more_than_one_cell_is_refused_not_exported_as_global_pooling()
    {
        var network = nn.Sequential(nn.Conv2d(1, 4, 3), nn.AdaptiveAvgPool2d(2), nn.Flatten(), nn.Linear(16, 10));
        using var model = new TrainedModel(network, ModelFile.LoadBundled().Metadata with { Architecture = "pooled" });

        var error = Assert.Throws<LeNetException>(() => OnnxExporter.Export(model, _temp.File("x.onnx")));

        Assert.Contains("AdaptiveAvgPool2d", error.Message);
    }

    [Fact]
    public void The_papers_network_is_refused_with_the_reason()
    {
        using var model = Untrained("paper");

        var error = Assert.Throws<LeNetException>(() => OnnxExporter.Export(model, _temp.File("paper.onnx")));

        Assert.Contains("cannot export", error.Message);
        Assert.False(File.Exists(_temp.File("paper.onnx")));
    }

    /// <summary>Adds a residual connection around its layer: not a plain chain.</summary>
    private sealed class Branching : nn.Module<Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.Flatten _flatten = nn.Flatten();
        private readonly TorchSharp.Modules.Linear _fc = nn.Linear(784, 784);
        private readonly TorchSharp.Modules.Linear _head = nn.Linear(784, 10);

        public Branching() : base(nameof(Branching)) => RegisterComponents();

        public override Tensor forward(Tensor input)
        {
            var x = _flatten.call(input);
            return _head.call(_fc.call(x) + x);
        }
    }
}
