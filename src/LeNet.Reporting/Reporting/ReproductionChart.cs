using LeNet.IO;
using LeNet.Training;
using ScottPlot;

namespace LeNet.Reporting;

/// <summary>The reproduction's measured test errors as a bar chart.</summary>
public static class ReproductionChart
{
    /// <summary>Writes the bar chart of measured test errors, one colour per dataset, to <paramref name="path"/> (PNG).</summary>
    public static void Save(string path, IReadOnlyList<ReproductionResult> results)
    {
        var plot = new Plot();
        var datasets = results.Select(r => r.Dataset).Distinct().ToList();
        var names = results.Select(r => r.Name).Distinct().ToList();
        var palette = new ScottPlot.Palettes.Category10();
        var bars = new List<Bar>();
        for (var d = 0; d < datasets.Count; d++)
            for (var n = 0; n < names.Count; n++)
                if (results.FirstOrDefault(r => r.Dataset == datasets[d] && r.Name == names[n]) is { } r)
                    bars.Add(new Bar { Position = n * (datasets.Count + 1) + d, Value = r.TestError * 100, FillColor = palette.GetColor(d), Label = $"{r.TestError:P2}" });
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks([.. names.Select((_, n) => n * (datasets.Count + 1) + (datasets.Count - 1) / 2.0)], [.. names]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 20;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.UpperLeft;
        for (var d = 0; d < datasets.Count; d++)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = datasets[d], FillColor = palette.GetColor(d) });
        plot.ShowLegend(Alignment.UpperRight);
        plot.YLabel("test error (%)");
        plot.Title("Measured test error per model");
        AtomicFile.WriteBytes(path, plot.GetImageBytes(1300, 600, ImageFormat.Png));
    }
}
