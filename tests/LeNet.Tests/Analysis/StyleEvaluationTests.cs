using LeNet.Analysis;
using LeNet.Inference;
using LeNet.Synthesis;

namespace LeNet.Tests.Analysis;

public sealed class StyleEvaluationTests
{
    private static (CharacterPhoto, DigitPrediction) Read(string written, string read) =>
        (new CharacterPhoto([], written, "pen writers", "plain"),
         new DigitPrediction(read, 0.9, [new ClassProbability(read, 0.9)], false, null, [], []));

    [Fact]
    public void A_report_gives_each_class_weakest_first_and_the_digits_and_operators_apart()
    {
        var outcomes = new[]
        {
            Read("1", "1"), Read("1", "1"), Read("1", "7"), Read("1", "1"),
            Read("/", "1"), Read("/", "/"),
            Read("+", "+"), Read("+", "+"),
        };

        var report = StyleEvaluation.Summarise(outcomes, unsureBelow: 0.5);

        Assert.Equal(["/", "1", "+", "digits", "operators"], report.ByClass.Select(r => r.Style));
        Assert.Equal(0.5, report.ByClass[0].Accuracy);
        Assert.Equal(0.75, report.ByClass.Single(r => r.Style == "digits").Accuracy);
        var operators = report.ByClass.Single(r => r.Style == "operators");
        Assert.Equal((4, 0.75), (operators.Count, operators.Accuracy));
    }

    [Fact]
    public void A_report_on_digits_alone_has_no_group_rows()
    {
        var report = StyleEvaluation.Summarise([Read("3", "3"), Read("8", "3")], unsureBelow: 0.5);

        Assert.Equal(["8", "3"], report.ByClass.Select(r => r.Style));
    }
}
