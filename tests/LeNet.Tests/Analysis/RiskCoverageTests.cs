using LeNet.Analysis;

namespace LeNet.Tests.Analysis;

public sealed class RiskCoverageTests
{
    // Ten answers, most confident first: the two wrong ones are the least confident.
    private static readonly List<(bool Correct, double Confidence)> Answers =
        [.. Enumerable.Range(0, 8).Select(i => (true, 0.99 - i * 0.01)), (false, 0.6), (false, 0.5)];

    [Fact]
    public void Answering_only_the_most_confident_raises_accuracy()
    {
        var curve = RiskCoverage.Curve(Answers, [1.0, 0.9, 0.8]);

        Assert.Equal([0.8, 8 / 9.0, 1.0], curve.Select(p => p.Accuracy), new ToleranceComparer(1e-9));
        Assert.Equal(0.92, curve[2].Threshold, 9);
    }

    [Fact]
    public void The_largest_coverage_at_a_target_accuracy_is_found()
    {
        var point = RiskCoverage.AtAccuracy(Answers, 0.995);

        Assert.Equal(0.8, point.Coverage, 9);
        Assert.Equal(1.0, point.Accuracy, 9);
    }

    [Fact]
    public void Calibration_error_is_zero_when_confidence_matches_accuracy()
    {
        List<(bool, double)> calibrated = [(true, 0.75), (true, 0.75), (true, 0.75), (false, 0.75)];
        List<(bool, double)> overconfident = [(true, 0.99), (false, 0.99)];

        Assert.Equal(0, RiskCoverage.CalibrationError(calibrated), 9);
        Assert.Equal(0.49, RiskCoverage.CalibrationError(overconfident), 9);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
