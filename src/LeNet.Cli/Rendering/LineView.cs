using LeNet.Arithmetic;
using LeNet.Inference;
using Spectre.Console;

namespace LeNet.Cli.Rendering;

/// <summary>One image's line: what was read (and computed), or why it could not be.</summary>
internal sealed record LineRow(string File, LineReading? Line, ExpressionResult? Result, string? Annotated, string? Error, int? LineNumber = null)
{
    /// <summary>The file, and which of its lines when it holds several.</summary>
    public string Name => LineNumber is { } k ? $"{File} line {k}" : File;

    public object ToJson() => Line is not { } line
        ? new { file = File, error = Error }
        : new
        {
            file = File,
            line = LineNumber,
            text = line.Text,
            expression = Result?.Expression,
            value = Result?.Value?.ToString(),
            valueDisplay = Result?.Value?.Display,
            rightSide = Result?.RightSide?.ToString(),
            holds = Result?.Holds,
            problem = Result?.Error,
            symbols = line.Digits.Select(d => new { symbol = d.Prediction.Label, probability = d.Prediction.Probability, unsure = d.Prediction.Unsure, box = d.Box, top3 = d.Prediction.Top3 }),
            annotated = Annotated,
        };
}

/// <summary>Lines as read: the text (unsure symbols in yellow), the value, and a table of symbols per image.</summary>
internal static class LineView
{
    public static void Write(IAnsiConsole console, IReadOnlyList<LineRow> rows)
    {
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Line is not { } line)
            {
                console.MarkupLineInterpolated($"{row.File}: [red]{row.Error}[/]");
                continue;
            }
            if (line.Digits.Count == 0)
            {
                console.MarkupLineInterpolated($"{row.Name}: [yellow]no writing found[/]");
                continue;
            }
            var text = string.Concat(line.Digits.Select(d => d.Prediction.Unsure ? $"[yellow]{Markup.Escape(d.Prediction.Label)}[/]" : Markup.Escape(d.Prediction.Label)));
            if (line.Text.Length == 0)
            {
                // The reading gives no text (most symbols are guesses, as at noise): say so, as --json and the CSV do.
                console.MarkupLine($"{Markup.Escape(row.Name)}: [yellow]nothing read with confidence[/] (best guesses: {text})");
            }
            else
            {
                var outcome = row.Result is { } result ? "   " + Outcome(result) : "";
                console.MarkupLine($"{Markup.Escape(row.Name)}: [bold]{text}[/]{outcome}");
            }
            if (line.Digits.Any(d => d.Prediction.Unsure))
                console.MarkupLineInterpolated($"  [yellow]unsure: {string.Join(", ", line.Digits.Select((d, i) => (d, i)).Where(x => x.d.Prediction.Unsure).Select(x => $"symbol {x.i + 1} ('{x.d.Prediction.Label}', {x.d.Prediction.Probability:P0})"))}[/]");
            if (rows.Count == 1)
                console.Write(Symbols(line));
            // A page's lines share one picture: named once, after its last line.
            if (row.Annotated is not null && (r == rows.Count - 1 || rows[r + 1].File != row.File))
                Wrote(console, row.Annotated);
        }
    }

    public static void Wrote(IAnsiConsole console, string path) => console.MarkupLineInterpolated($"Wrote {path}");

    private static string Outcome(ExpressionResult result) => result.Error is not null
        ? $"[red]{Markup.Escape(result.Error)}[/]"
        : result.Holds is { } holds
            ? holds ? "[green]✓ true[/]" : $"[red]✗ false[/] (the left side is {Markup.Escape(result.Value!.Value.Display)})"
            : $"= [bold green]{Markup.Escape(result.Value!.Value.Display)}[/]";

    private static Table Symbols(LineReading line)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("#").AddColumn("symbol").AddColumn(new TableColumn("probability").RightAligned())
            .AddColumn("box (x, y, w, h)").AddColumn("top 3");
        for (var i = 0; i < line.Digits.Count; i++)
        {
            var (box, p) = (line.Digits[i].Box, line.Digits[i].Prediction);
            table.AddRow($"{i + 1}", p.Unsure ? $"[yellow]{Markup.Escape(p.Label)} (unsure)[/]" : Markup.Escape(p.Label), $"{p.Probability:P1}",
                $"{box.Left}, {box.Top}, {box.Width}, {box.Height}", Markup.Escape(string.Join("  ", p.Top3.Select(t => $"{t.Label} {t.Probability:P1}"))));
        }
        return table;
    }
}
