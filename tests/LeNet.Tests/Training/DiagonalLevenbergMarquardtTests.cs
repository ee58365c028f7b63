using LeNet.Models.Paper;
using LeNet.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LeNet.Tests.Training;

/// <summary>The paper's optimizer: per-weight steps η / (μ + h_kk), h from a Gauss–Newton estimate before each pass.</summary>
public sealed class DiagonalLevenbergMarquardtTests
{
    [Fact]
    public void Each_weight_steps_by_the_global_rate_over_damping_plus_its_curvature()
    {
        using var scope = NewDisposeScope();
        var weight = new Parameter(tensor(new[] { 1f, 1f, 1f }));
        using var optimizer = new DiagonalLevenbergMarquardt([weight], lr: 0.1, damping: 0.5, examplesPerStep: 2);
        optimizer.SetCurvature([tensor(new[] { 0f, 0.5f, 1.5f })]);

        weight.grad = tensor(new[] { 1f, 1f, -2f });
        optimizer.step();

        // w − η·B·g / (μ + h): 1 − 0.2/0.5, 1 − 0.2/1, 1 + 0.4/2
        Assert.True(weight.allclose(tensor(new[] { 0.6f, 0.8f, 1.2f }), atol: 1e-6), weight.ToString(TorchSharp.TensorStringStyle.Julia));
    }

    [Fact]
    public void The_curvature_is_saved_and_restored_with_the_optimizer_state()
    {
        using var scope = NewDisposeScope();
        var weight = new Parameter(zeros(4));
        using var optimizer = new DiagonalLevenbergMarquardt([weight], lr: 0.1);
        optimizer.SetCurvature([tensor(new[] { 1f, 2f, 3f, 4f })]);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            optimizer.save_state_dict(writer);

        var restoredWeight = new Parameter(zeros(4));
        using var restored = new DiagonalLevenbergMarquardt([restoredWeight], lr: 0.1);
        stream.Position = 0;
        using (var reader = new BinaryReader(stream))
            restored.load_state_dict(reader);

        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, restored.Curvature(restoredWeight).data<float>().ToArray());
    }

    [Fact]
    public void Warmup_damping_applies_to_the_first_passes_and_the_paper_damping_after_them()
    {
        var options = new TrainingOptions { Optimizer = OptimizerKind.Sdlm, Damping = 0.02, WarmupDamping = 1, WarmupPasses = 2 };

        Assert.Equal([1, 1, 0.02, 0.02, 0.02], Enumerable.Range(1, 5).Select(options.DampingInPass));
        Assert.Equal(0.02, (options with { WarmupPasses = 0 }).DampingInPass(1));
    }

    [Fact]
    public void A_decaying_warmup_damping_falls_by_a_constant_factor_each_pass_down_to_the_damping()
    {
        var options = new TrainingOptions { Optimizer = OptimizerKind.Sdlm, Damping = 0.01, WarmupDamping = 1, WarmupPasses = 2, DampingDecay = true };

        var passes = Enumerable.Range(1, 4).Select(options.DampingInPass).ToList();

        Assert.Equal(1, passes[0]);
        Assert.Equal(0.1, passes[1], 12);
        Assert.Equal([0.01, 0.01], passes.Skip(2));
    }

    [Fact]
    public void Changing_the_damping_changes_the_next_step()
    {
        using var scope = NewDisposeScope();
        var weight = new Parameter(tensor(new[] { 1f }));
        using var optimizer = new DiagonalLevenbergMarquardt([weight], lr: 0.1, damping: 1);
        optimizer.Damping = 0.25;

        weight.grad = tensor(new[] { 1f });
        optimizer.step();

        Assert.Equal(0.6f, weight.item<float>(), 6); // 1 − 0.1 / 0.25
    }

    [Fact]
    public void The_paper_schedule_lowers_the_rate_after_passes_2_5_8_and_12()
    {
        var rates = Enumerable.Range(0, 20).Select(pass => 0.0005 * OptimizerFactory.PaperRateFactor(pass)).ToArray();

        double[] published = [0.0005, 0.0005, 0.0002, 0.0002, 0.0002, 0.0001, 0.0001, 0.0001, 0.00005, 0.00005, 0.00005, 0.00005];
        Assert.All(published.Zip(rates), pair => Assert.Equal(pair.First, pair.Second, 1e-12));
        Assert.All(rates.Skip(12), r => Assert.Equal(0.00001, r, 1e-12));
    }

    /// <summary>A linear network whose features feed an RBF output: x = W·input, so JᵀHJ has diagonal 2·E[input_j²].</summary>
    private sealed class LinearRbf : nn.Module<Tensor, Tensor>, IRbfNetwork
    {
        private readonly Linear _layer = nn.Linear(3, 2, hasBias: false);

        public LinearRbf() : base(nameof(LinearRbf)) => RegisterComponents();

        public Tensor Features(Tensor input) => _layer.call(input.flatten(1));

        public override Tensor forward(Tensor input) => Features(input).square().sum(1, keepdim: true).neg();
    }

    [Fact]
    public void For_an_rbf_network_the_estimate_matches_the_gauss_newton_diagonal()
    {
        using var scope = NewDisposeScope();
        using var network = new LinearRbf();
        var inputs = tensor(new[] { 1f, 2f, 0.5f }).repeat(4000, 1).view(4000, 1, 1, 3);
        using var generator = new Generator(7);

        var curvature = CurvatureEstimator.Estimate(network, inputs, generator).Single();

        // Every row of W: 2 · input², i.e. 2, 8, 0.5 — within the sampling error of 4,000 draws.
        var expected = tensor(new[] { 2f, 8f, 0.5f }).repeat(2, 1);
        Assert.True(curvature.allclose(expected, rtol: 0.1), curvature.ToString(TorchSharp.TensorStringStyle.Julia));
    }

    [Fact]
    public void For_cross_entropy_the_estimate_matches_p_times_one_minus_p_times_the_input_squared()
    {
        using var scope = NewDisposeScope();
        using var network = nn.Sequential(nn.Flatten(), nn.Linear(2, 3, hasBias: false));
        using (no_grad())
            network.parameters().Single().copy_(tensor(new[,] { { 1f, 0f }, { 0f, 1f }, { 0f, 0f } }));
        var inputs = tensor(new[] { 1f, 2f }).repeat(6000, 1).view(6000, 1, 1, 2);
        using var generator = new Generator(3);

        var curvature = CurvatureEstimator.Estimate(network, inputs, generator).Single();

        var p = softmax(tensor(new[] { 1f, 2f, 0f }), 0);
        var expected = (p * (1 - p)).unsqueeze(1) * tensor(new[] { 1f, 4f }).unsqueeze(0);
        Assert.True(curvature.allclose(expected, rtol: 0.1), curvature.ToString(TorchSharp.TensorStringStyle.Julia));
    }
}
