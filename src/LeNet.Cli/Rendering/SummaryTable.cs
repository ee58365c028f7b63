using LeNet.Models;
using Spectre.Console;

namespace LeNet.Cli.Rendering;

/// <summary>Renders a <see cref="ModelSummary"/> the way torchsummary and Keras' <c>summary()</c> do.</summary>
internal static class SummaryTable
{
    public static void Write(IAnsiConsole console, ModelSummary summary, string description)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{Markup.Escape(summary.Architecture)}[/]")
            .AddColumn("Layer (type)")
            .AddColumn("Output shape")
            .AddColumn(new TableColumn("Param #").RightAligned())
            .AddColumn(new TableColumn("Mult-adds").RightAligned());
        foreach (var layer in summary.Layers)
        {
            table.AddRow(
                Markup.Escape($"{layer.Name} ({layer.Type})"),
                Markup.Escape($"[{string.Join(", ", layer.OutputShape.Skip(1).Prepend(-1))}]"),
                layer.Parameters.ToString("N0"),
                layer.MultiplyAccumulates == 0 ? "–" : layer.MultiplyAccumulates.ToString("N0"));
        }
        console.MarkupLineInterpolated($"[bold]{summary.Architecture}[/]: {description}");
        console.Write(table);
        console.MarkupLine($"Total params: [bold]{summary.TotalParameters:N0}[/]");
        console.MarkupLine($"Trainable params: {summary.TrainableParameters:N0}");
        console.MarkupLine($"Non-trainable params: {summary.TotalParameters - summary.TrainableParameters:N0}");
        console.MarkupLine($"Mult-adds per image: {summary.MultiplyAccumulates:N0} ({summary.MultiplyAccumulates / 1e6:F2} M)");
        console.MarkupLine($"Input size: {Kilobytes(summary.InputBytes)}; forward activations: {Kilobytes(summary.ActivationBytes)} per image; params: {Kilobytes(summary.ParameterBytes)}");
    }

    private static string Kilobytes(long bytes) => $"{bytes / 1024.0:F1} KiB";
}
