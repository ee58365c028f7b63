using LeNet.Models;
using LeNet.Models.Paper;
using LeNet.Training;
using TorchSharp;
using TorchSharp.Modules;
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

    /// <remarks>
    /// Adam divides each gradient by its own running size, so where a gradient is as small as float rounding (F6's
    /// saturated units) the two rounding errors become different fractions of a step: there the weights agree to 2 %
    /// of how far they moved rather than 0.1 %.
    /// </remarks>
    [Theory]
    [InlineData(1, 5, "sdlm", 1e-3)]
    [InlineData(4, 3, "sdlm", 1e-3)]
    [InlineData(4, 3, "sgd", 1e-3)]
    [InlineData(8, 3, "adam", 2e-2)]
    public void Steps_leave_the_weights_autograd_and_the_optimizer_leave(int batchSize, int batches, string optimizer, double tolerance)
    {
        using var scope = NewDisposeScope();
        using var plain = Network(seed: 3);
        using var fused = Network(seed: 3);
        OptimizerHelper Make(PaperLeNet5 network) => optimizer switch
        {
            "adam" => optim.Adam(network.parameters(), lr: 0.001, weight_decay: 1e-4),
            "sgd" => optim.SGD(network.parameters(), 0.01, momentum: 0.9),
            _ => Optimizer(network, batchSize),
        };
        using var plainOptimizer = Make(plain);
        using var fusedOptimizer = Make(fused);
        var data = Enumerable.Range(0, batches)
            .Select(b => (Images(batchSize, seed: 100 + b), arange(batchSize, dtype: ScalarType.Int64).add(b).remainder(10))).ToList();

        var initial = plain.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());

        var plainTally = new Trainer(plain, plainOptimizer, null, PaperLoss.Compute, 10).TrainEpoch(data, EpochTally.Empty);
        var fusedTrainer = new Trainer(fused, fusedOptimizer, null, PaperLoss.Compute, 10)
        {
            Fused = FusedPaperStep.For(fused, fusedOptimizer, DeviceType.CPU, outliers: false),
        };
        Assert.NotNull(fusedTrainer.Fused);
        var fusedTally = fusedTrainer.TrainEpoch(data, EpochTally.Empty);

        Assert.Equal(plainTally.Batches, fusedTally.Batches);
        Assert.Equal(plainTally.Accuracy, fusedTally.Accuracy);
        Assert.Equal(plainTally.Loss, fusedTally.Loss, 1e-3);
        foreach (var ((name, a), (_, b)) in plain.named_parameters().Zip(fused.named_parameters()))
        {
            var moved = (a - initial[name]).abs().max().item<float>();
            var difference = (a - b).abs().max().item<float>();
            Assert.True(moved > 0, $"{name} did not move");
            Assert.True(difference <= tolerance * moved + 1e-7, $"{name}: weights differ by {difference} after steps of {moved}");
        }
    }

    [Fact]
    public void The_curvature_estimate_on_the_kernels_is_TorchSharps_from_the_same_draws()
    {
        using var scope = NewDisposeScope();
        using var network = Network(seed: 5, errorCorrecting: true);
        using var optimizer = Optimizer(network, 1);
        var examples = Images(40, seed: 5);
        using var plainDraws = new Generator(21);
        using var fusedDraws = new Generator(21);

        var expected = CurvatureEstimator.Estimate(network, examples, plainDraws);
        var fused = FusedPaperStep.For(network, optimizer, DeviceType.CPU, outliers: false)!.Curvature(examples, fusedDraws);

        foreach (var ((name, parameter), (plain, kernels)) in network.named_parameters().Zip(expected.Zip(fused)))
        {
            Assert.Equal(parameter.shape, kernels.shape);
            var scale = plain.abs().max().item<float>();
            var difference = (plain - kernels).abs().max().item<float>();
            Assert.True(scale > 0, $"{name}: no curvature");
            Assert.True(difference <= 1e-4 * scale, $"{name}: estimates differ by {difference} (largest {scale})");
        }
        Assert.Equal(plainDraws.get_state().data<byte>().ToArray(), fusedDraws.get_state().data<byte>().ToArray());
    }

    [Fact]
    public void It_applies_only_to_the_paper_network_on_the_CPU_without_outliers()
    {
        using var scope = NewDisposeScope();
        using var paper = Network(seed: 1);
        using var sdlm = Optimizer(paper, 1);
        using var lenet5 = new LeNet5();
        using var adam = optim.Adam(paper.parameters());

        Assert.NotNull(FusedPaperStep.For(paper, sdlm, DeviceType.CPU, outliers: false));
        Assert.Null(FusedPaperStep.For(paper, sdlm, DeviceType.CPU, outliers: true));
        Assert.Null(FusedPaperStep.For(paper, sdlm, DeviceType.CUDA, outliers: false));
        Assert.NotNull(FusedPaperStep.For(paper, adam, DeviceType.CPU, outliers: false));
        Assert.Null(FusedPaperStep.For(lenet5, sdlm, DeviceType.CPU, outliers: false));
    }
}
