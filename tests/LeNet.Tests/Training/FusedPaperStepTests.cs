using LeNet.Models;
using LeNet.Models.Paper;
using LeNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LeNet.Tests.Training;

/// <summary>The paper network's fused SDLM step computes what TorchSharp's autograd and the optimizer compute.</summary>
public sealed class FusedPaperStepTests
{
    /// <summary>Images in the paper's input range: background −0.1, a stroke of ink 1.175, and noise.</summary>
    private static Tensor Images(int count, int seed)
    {
        using var generator = new Generator((ulong)seed);
        var images = full([count, 1, 28, 28], -0.1f);
        images.index_put_(tensor(1.175f), TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(5, 23), TensorIndex.Slice(12, 15));
        var noisy = rand([count, 1, 28, 28], generator: generator).lt(0.3);
        return where(noisy, rand([count, 1, 28, 28], generator: generator).mul(1.275).sub(0.1), images);
    }

    private static PaperLeNet5 Network(int seed, bool errorCorrecting = false)
    {
        random.manual_seed(seed);
        return new PaperLeNet5(errorCorrecting ? HadamardCode.Prototypes() : null);
    }

    private static DiagonalLevenbergMarquardt Optimizer(PaperLeNet5 network, int batchSize)
    {
        var optimizer = new DiagonalLevenbergMarquardt(network.parameters(), lr: 0.0005, damping: 0.02, examplesPerStep: batchSize);
        using var generator = new Generator(11);
        optimizer.SetCurvature([.. network.parameters().Select(p => rand(p.shape, generator: generator).mul(0.05))]);
        return optimizer;
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(6, false)]
    [InlineData(6, true)]
    public void Its_loss_and_every_gradient_are_autograds(int count, bool errorCorrecting)
    {
        using var scope = NewDisposeScope();
        using var network = Network(seed: count, errorCorrecting);
        using var optimizer = Optimizer(network, count);
        var images = Images(count, seed: count);
        var labels = arange(count, dtype: ScalarType.Int64).remainder(10);
        network.zero_grad();
        var loss = PaperLoss.Compute(network.call(images), labels);
        loss.backward();

        var step = FusedPaperStep.For(network, optimizer, DeviceType.CPU, outliers: false)!;
        var (lossSum, _, examples) = step.Gradients(images, labels);

        Assert.Equal(count, examples);
        Assert.Equal(loss.item<float>(), lossSum / count, 3e-4f * Math.Max(1, Math.Abs(loss.item<float>())));
        var fused = step.GradientSums.ToArray();
        var offset = 0;
        foreach (var (name, parameter) in network.named_parameters())
        {
            var length = (int)parameter.numel();
            var expected = parameter.grad!.flatten().data<float>().ToArray();
            var scale = expected.Max(Math.Abs);
            for (var i = 0; i < length; i++)
            {
                var difference = Math.Abs(fused[offset + i] / count - expected[i]);
                Assert.True(difference <= 1e-4 * scale + 1e-7, $"{name}[{i}]: fused {fused[offset + i] / count}, autograd {expected[i]} (largest {scale})");
            }
            offset += length;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Evaluating_on_the_kernels_gives_the_evaluators_loss_answers_and_confidences(bool errorCorrecting)
    {
        using var scope = NewDisposeScope();
        using var network = Network(seed: 3, errorCorrecting);
        using var optimizer = Optimizer(network, 1);
        var images = Images(200, seed: 3);
        var labels = arange(200, dtype: ScalarType.Int64).remainder(10);

        var expected = Evaluator.Evaluate(network, images, labels, PaperLoss.Compute);
        var fused = FusedPaperStep.For(network, optimizer, DeviceType.CPU, outliers: false)!.Evaluate(images, labels);

        Assert.Equal(expected.Loss, fused.Loss, 1e-4 * Math.Abs(expected.Loss));
        Assert.Equal(expected.Labels, fused.Labels);
        Assert.Equal(expected.Predictions, fused.Predictions);
        Assert.Equal(expected.Accuracy, fused.Accuracy);
        Assert.All(expected.Confidences.Zip(fused.Confidences), c => Assert.Equal(c.First, c.Second, 1e-5f));
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(4, 3)]
    public void Steps_leave_the_weights_autograd_and_the_optimizer_leave(int batchSize, int batches)
    {
        using var scope = NewDisposeScope();
        using var plain = Network(seed: 3);
        using var fused = Network(seed: 3);
        using var plainOptimizer = Optimizer(plain, batchSize);
        using var fusedOptimizer = Optimizer(fused, batchSize);
        var data = Enumerable.Range(0, batches)
            .Select(b => (Images(batchSize, seed: 100 + b), arange(batchSize, dtype: ScalarType.Int64).add(b).remainder(10))).ToList();

        var initial = plain.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());

        var plainTally = new Trainer(plain, plainOptimizer, null, PaperLoss.Compute, 10).TrainEpoch(data, EpochTally.Empty);
        var fusedTally = new Trainer(fused, fusedOptimizer, null, PaperLoss.Compute, 10)
        {
            Fused = FusedPaperStep.For(fused, fusedOptimizer, DeviceType.CPU, outliers: false),
        }.TrainEpoch(data, EpochTally.Empty);

        Assert.Equal(plainTally.Batches, fusedTally.Batches);
        Assert.Equal(plainTally.Accuracy, fusedTally.Accuracy);
        Assert.Equal(plainTally.Loss, fusedTally.Loss, 1e-3);
        foreach (var ((name, a), (_, b)) in plain.named_parameters().Zip(fused.named_parameters()))
        {
            var moved = (a - initial[name]).abs().max().item<float>();
            var difference = (a - b).abs().max().item<float>();
            Assert.True(moved > 0, $"{name} did not move");
            Assert.True(difference <= 1e-3 * moved + 1e-7, $"{name}: weights differ by {difference} after steps of {moved}");
        }
    }

    [Fact]
    public void It_applies_only_to_the_paper_network_trained_by_SDLM_on_the_CPU_without_outliers()
    {
        using var scope = NewDisposeScope();
        using var paper = Network(seed: 1);
        using var sdlm = Optimizer(paper, 1);
        using var lenet5 = new LeNet5();
        using var adam = optim.Adam(paper.parameters());

        Assert.NotNull(FusedPaperStep.For(paper, sdlm, DeviceType.CPU, outliers: false));
        Assert.Null(FusedPaperStep.For(paper, sdlm, DeviceType.CPU, outliers: true));
        Assert.Null(FusedPaperStep.For(paper, sdlm, DeviceType.CUDA, outliers: false));
        Assert.Null(FusedPaperStep.For(paper, adam, DeviceType.CPU, outliers: false));
        Assert.Null(FusedPaperStep.For(lenet5, sdlm, DeviceType.CPU, outliers: false));
    }
}
