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

    [Fact]
    public void The_look_alikes_table_counts_each_reading_and_keeps_an_x_apart_from_a_cross()
    {
        var outcomes = new[]
        {
            Read("/", "1"), Read("/", "/"), Read("/", "("),
            Read("×", "×"), Read("×", "+"),
            (new CharacterPhoto([], "×", "pen writers", "× cursive-x"), Read("×", "×").Item2),
            (new CharacterPhoto([], "×", "Kalam", "Kalam 'x'"), Read("×", "4").Item2),
            Read("8", "8"),
        };

        var table = StyleEvaluation.Summarise(outcomes, unsureBelow: 0.5).LookAlikes!;

        Assert.Equal(["−", "1", "7", "/", "÷", "+", "×", "other"], table.Columns);
        Assert.Equal(["/", "×", LookAlikeTable.TimesAsX], table.Rows.Select(r => r.Written));
        Assert.Equal([0, 1, 0, 1, 0, 0, 0, 1], table.Rows[0].Read);
        Assert.Equal((2, 0.5), (table.Rows[1].Count, table.Rows[1].Accuracy));
        Assert.Equal((LeNet.Inference.Symbols.Times, 1, 0.5), (table.Rows[2].Class, table.Rows[2].Right, table.Rows[2].Accuracy));
    }

    [Fact]
    public void A_report_on_digits_alone_has_no_look_alikes_table() =>
        Assert.Null(StyleEvaluation.Summarise([Read("1", "7"), Read("7", "7")], unsureBelow: 0.5).LookAlikes);
}
