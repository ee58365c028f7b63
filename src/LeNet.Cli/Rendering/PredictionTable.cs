using LeNet.Inference;
using Spectre.Console;

namespace LeNet.Cli.Rendering;

/// <summary>One image's outcome: a prediction or the reason it could not be read.</summary>
internal sealed record PredictionRow(string File, DigitPrediction? Prediction, string? Error)
{
    public object ToJson() => Prediction is { } p
        ? new { file = File, digit = p.Label, probability = p.Probability, unsure = p.Unsure, unsureReason = p.UnsureReason, top3 = p.Top3 }
        : new { file = File, error = Error };
}

/// <summary>Predictions as a table: file, digit, probability, top-3, status.</summary>
internal static class PredictionTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<PredictionRow> rows)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("image").AddColumn(new TableColumn("digit").Centered()).AddColumn(new TableColumn("probability").RightAligned())
            .AddColumn("top 3").AddColumn("note");
        foreach (var row in rows)
        {
            if (row.Prediction is not { } p)
            {
                table.AddRow(Markup.Escape(row.File), "[red]–[/]", "", "", $"[red]{Markup.Escape(row.Error ?? "")}[/]");
                continue;
            }
            var digit = p.Unsure ? $"[yellow]{Markup.Escape(p.Label)}?[/]" : $"[bold green]{Markup.Escape(p.Label)}[/]";
            var top = string.Join("  ", p.Top3.Select(t => $"{t.Label} {t.Probability:P1}"));
            table.AddRow(Markup.Escape(row.File), digit, $"{p.Probability:P1}", Markup.Escape(top),
                p.Unsure ? $"[yellow]unsure: {Markup.Escape(p.UnsureReason ?? "")}[/]" : "");
        }
        console.Write(table);
    }
}
