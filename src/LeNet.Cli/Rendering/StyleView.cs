using LeNet.Analysis;
using LeNet.Synthesis;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace LeNet.Cli.Rendering;

/// <summary>Renders a style report: headline, reject option, per-hand and per-variant tables, commonest confusions.</summary>
internal sealed class StyleView(IAnsiConsole console)
{
    public ILogger Logger { get; } = new ConsoleLogger(console);

    public void Write(string model, StyleSplit split, StyleReport report, TimeSpan elapsed)
    {
        var all = report.Overall;
        console.MarkupLineInterpolated($"[bold]{model}[/] on {all.Count:N0} photos of characters in the {split.ToString().ToLowerInvariant()} writing styles ({elapsed.TotalSeconds:F0} s)");
        console.MarkupLineInterpolated($"[bold]top-1 {all.Accuracy:P2}[/]   answered {all.Answered:P1}   right among answered {all.RightAmongAnswered:P2}   calibration error {report.CalibrationError:P2}");
        var curve = new Table().Border(TableBorder.Rounded).Title("Risk–coverage (most confident first)")
            .AddColumn(new TableColumn("answered").RightAligned()).AddColumn(new TableColumn("right among answered").RightAligned()).AddColumn(new TableColumn("confidence ≥").RightAligned());
        foreach (var point in report.Curve)
            curve.AddRow($"{point.Coverage:P1}", $"{point.Accuracy:P2}", $"{point.Threshold:F3}");
        curve.AddRow($"[bold]{report.AtTarget.Coverage:P1}[/]", $"[bold]{report.AtTarget.Accuracy:P2}[/]", $"{report.AtTarget.Threshold:F3}");
        console.Write(curve);
        console.Write(Rows("By hand (weakest first)", report.ByHand));
        console.Write(Rows("Pen writers by variant (weakest first)", report.ByVariant.Take(15)));
        console.Write(Rows("By class (weakest first; all hands)", report.ByClass, "class"));
        console.MarkupLineInterpolated($"Commonest confusions (true → read): {string.Join(", ", report.Confusions.Take(15).Select(c => $"{c.Truth}→{c.Read} ×{c.Count}"))}");
        if (report.LookAlikes is { } lookAlikes)
            console.Write(LookAlikes(lookAlikes));
    }

    /// <summary>The look-alikes' confusion table: a row per way of writing, a column per reading, the right ones bold.</summary>
    private static Table LookAlikes(LookAlikeTable table)
    {
        var grid = new Table().Border(TableBorder.Rounded).Title("Look-alikes (rows: written, columns: read)").AddColumn("written")
            .AddColumn(new TableColumn("photos").RightAligned()).AddColumn(new TableColumn("right").RightAligned());
        foreach (var column in table.Columns)
            grid.AddColumn(new TableColumn(Markup.Escape(column)).RightAligned());
        foreach (var row in table.Rows)
        {
            var cells = row.Read.Select((count, i) => table.Columns[i] == row.Class ? $"[bold]{count:N0}[/]" : count == 0 ? "·" : $"{count:N0}");
            grid.AddRow([Markup.Escape(row.Written), $"{row.Count:N0}", $"{row.Accuracy:P1}", .. cells]);
        }
        return grid;
    }

    public void Write(string model, StyleSplit split, LineKind kind, Paper paper, LineReport report, TimeSpan elapsed)
    {
        console.MarkupLineInterpolated($"[bold]{model}[/] on {report.Lines:N0} photos of {kind.ToString().ToLowerInvariant()} lines{OnPaper(paper)} in the {split.ToString().ToLowerInvariant()} writing styles ({elapsed.TotalSeconds:F0} s)");
        console.MarkupLineInterpolated($"[bold]read exactly {report.Exact:P1}[/]   lines with touching neighbours ({report.TouchingLines}): {report.TouchingExact:P1}   wrong number of symbols {report.WrongLength:P1}");
        if (report.ValueRight is { } value)
            console.MarkupLineInterpolated($"value (or check) right {value:P1}   lines with × written as a dot ({report.DotLines}): {report.DotExact:P1}");
        var unsure = report.Unsure;
        console.MarkupLineInterpolated($"unsure flags: {unsure.WrongFlagged:P1} of the lines read wrong flag a symbol, {unsure.SilentlyWrong:P1} of all lines are wrong with none flagged, {unsure.RightFlagged:P1} of those read right flag one all the same");
        console.MarkupLineInterpolated($"latency, photo to text on one thread: p50 {report.LatencyMilliseconds.Median:F1} ms, p90 {report.LatencyMilliseconds.P90:F1} ms");
        if (report.WarmUpLatencyMilliseconds is (double median, double p90))
            console.MarkupLineInterpolated($"  (the second pass over the photos; the first, as the process warmed up: p50 {median:F1} ms, p90 {p90:F1} ms)");
        var (memory, (gen0, gen1, gen2)) = (report.Memory, report.Memory.Collections);
        console.MarkupLineInterpolated($"memory: {memory.AllocatedMegabytes:F1} MB allocated a line, {memory.PauseMilliseconds:F2} ms a line paused for the garbage collector ({gen0:N0} gen-0, {gen1:N0} gen-1, {gen2:N0} gen-2 collections)");
        console.Write(Rows("By hand (weakest first)", report.ByHand.Take(12)));
        console.MarkupLineInterpolated($"Symbol confusions where the length was right (true → read): {string.Join(", ", report.Confusions.Take(20).Select(c => $"{c.Truth}→{c.Read} ×{c.Count}"))}");
        foreach (var failure in report.Failures.Take(25))
            console.MarkupLineInterpolated($"  {failure.Written,-24} read {failure.Read,-24} ({failure.Hand})");
    }

    public void Write(string model, StyleSplit split, LineKind kind, Paper paper, PageReport report, TimeSpan elapsed)
    {
        console.MarkupLineInterpolated($"[bold]{model}[/] on {report.Pages:N0} photos of pages of {kind.ToString().ToLowerInvariant()} lines{OnPaper(paper)} ({report.Lines:N0} lines) in the {split.ToString().ToLowerInvariant()} writing styles ({elapsed.TotalSeconds:F0} s)");
        console.MarkupLineInterpolated($"pages whose lines were all found {report.LinesFound:P1}   [bold]lines read exactly {report.LinesExact:P1}[/]   pages read exactly {report.PagesExact:P1}");
        foreach (var failure in report.Failures.Take(15))
            console.MarkupLineInterpolated($"  {failure.Written}\n    read {failure.Read} ({failure.Hand})");
    }

    private static Table Rows(string title, IEnumerable<StyleRow> rows, string key = "style")
    {
        var table = new Table().Border(TableBorder.Rounded).Title(title).AddColumn(key).AddColumn(new TableColumn("photos").RightAligned())
            .AddColumn(new TableColumn("top-1").RightAligned()).AddColumn(new TableColumn("answered").RightAligned()).AddColumn(new TableColumn("right among answered").RightAligned());
        foreach (var row in rows)
            table.AddRow(Markup.Escape(row.Style), $"{row.Count:N0}", $"{row.Accuracy:P1}", $"{row.Answered:P1}", $"{row.RightAmongAnswered:P1}");
        return table;
    }

    /// <summary>" on ruled paper" for lines written on it; nothing for plain paper, as every report before said.</summary>
    private static string OnPaper(Paper paper) => paper == Paper.Plain ? "" : $" on {paper.ToString().ToLowerInvariant()} paper";
}
