using LeNet.Reporting;
using LeNet.Training;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace LeNet.Cli.Rendering;

/// <summary>Renders an evaluation: headline figures, per-class table and confusion matrix.</summary>
internal sealed class EvaluationView(IAnsiConsole console)
{
    public ILogger Logger { get; } = new ConsoleLogger(console);

    public void Write(string modelPath, TestSetEvaluation evaluation, EvaluationPictures pictures)
    {
        var (dataset, result, report) = (evaluation.Dataset, evaluation.Result, evaluation.Report);
        console.MarkupLineInterpolated($"[bold]{modelPath}[/] on the {dataset.DisplayName} test set ({result.Count:N0} images)");
        console.MarkupLineInterpolated($"Test loss {result.Loss:F4}   [bold]test accuracy {result.Accuracy:P2}[/]   error {result.Error:P2}   macro F1 {report.MacroF1:F4}");

        var classes = new Table().Border(TableBorder.Rounded).Title("Per class")
            .AddColumn("class").AddColumn(new TableColumn("precision").RightAligned()).AddColumn(new TableColumn("recall").RightAligned())
            .AddColumn(new TableColumn("F1").RightAligned()).AddColumn(new TableColumn("support").RightAligned());
        foreach (var c in report.Classes)
            classes.AddRow(Markup.Escape(c.Name), $"{c.Precision:F4}", $"{c.Recall:F4}", $"{c.F1:F4}", $"{c.Support:N0}");
        console.Write(classes);

        var confusion = new Table().Border(TableBorder.Rounded).Title("Confusion matrix (rows: true, columns: predicted)").AddColumn("");
        foreach (var name in report.ClassNames)
            confusion.AddColumn(new TableColumn(Markup.Escape(Short(name))).RightAligned());
        for (var row = 0; row < report.ClassNames.Count; row++)
        {
            var cells = new List<string> { Markup.Escape(Short(report.ClassNames[row])) };
            for (var column = 0; column < report.ClassNames.Count; column++)
            {
                var count = report.Confusion[row, column];
                cells.Add(row == column ? $"[green]{count}[/]" : count == 0 ? "[dim]0[/]" : $"[red]{count}[/]");
            }
            confusion.AddRow(cells.ToArray());
        }
        console.Write(confusion);
        var (raw, calibrated) = (evaluation.Uncalibrated, evaluation.Calibrated);
        console.MarkupLineInterpolated(
            $"Calibration: expected calibration error {raw.ExpectedCalibrationError:P2} with the raw softmax, {calibrated.ExpectedCalibrationError:P2} at temperature {calibrated.Temperature:F2} (fitted on the validation split)");
        console.MarkupLineInterpolated($"Wrote {pictures.Confusion}, {pictures.Misclassified} and {pictures.Reliability}");
    }

    private static string Short(string name) => name.Length <= 8 ? name : name[..8];
}
