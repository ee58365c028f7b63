using LeNet.Inference;

namespace LeNet.Tests.Inference;

public sealed class ShapePriorTests
{
    [Fact]
    public void A_fitted_prior_finds_a_typical_mark_fully_plausible_and_an_untypical_one_not()
    {
        var random = new Random(1);
        var marks = Enumerable.Range(0, 400).Select(_ => (Label: "−", Shape: new MarkShape(-2.3 + 0.1 * (random.NextDouble() - 0.5), 0.02 * (random.NextDouble() - 0.5), 0.5)))
            .Concat(Enumerable.Range(0, 400).Select(_ => (Label: "1", Shape: new MarkShape(0.1 * (random.NextDouble() - 0.5), 0.02 * (random.NextDouble() - 0.5), 0.2))));

        var prior = ShapePrior.Fit(marks);

        Assert.Equal(-2.3, prior.Classes["−"].LogHeightMean, 1);
        Assert.True(prior.LogPlausibility("−", new MarkShape(-2.3, 0, 0.5)) > -0.1);
        Assert.True(prior.LogPlausibility("1", new MarkShape(-2.3, 0, 0.5)) < -5, "a full-height class must find a minus-sized mark implausible");
        Assert.Equal(0, prior.LogPlausibility("×", new MarkShape(-2.3, 0, 0.5))); // no statistics: no opinion
    }

    [Fact]
    public void The_lean_weight_scales_only_the_lean_term()
    {
        var prior = new ShapePrior(new Dictionary<string, ShapeStatistics> { ["1"] = new(0, 0.1, 0, 0.1, LeanMean: 0, LeanDeviation: 0.2) });
        var leaning = new MarkShape(LogHeight: 0.1, Offset: 0, Width: 0.3, Lean: 0.4); // one deviation tall, two leaning

        Assert.Equal(-0.5 * (1 + 4), prior.LogPlausibility("1", leaning), 9);
        Assert.Equal(-0.5 * (1 + 3 * 4), prior.LogPlausibility("1", leaning, leanWeight: 3), 9);
        Assert.True(Symbols.IsStraightStroke("1") && Symbols.IsStraightStroke(Symbols.Slash) && !Symbols.IsStraightStroke("7"));
    }
}
