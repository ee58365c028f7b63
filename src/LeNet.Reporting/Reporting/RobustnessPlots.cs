using System.Globalization;
using System.Text;
using LeNet.Analysis;
using LeNet.IO;
using ScottPlot;

namespace LeNet.Reporting;

/// <summary>Robustness results as CSV and pictures.</summary>
public static class RobustnessPlots
{
    /// <summary>One panel per perturbation: test accuracy against its amount.</summary>
    public static void SaveAccuracy(string path, IReadOnlyList<RobustnessPoint> points, string title)
    {
        var sweeps = points.Select(p => p.Perturbation).Distinct().ToList();
        var multiplot = new Multiplot();
        multiplot.AddPlots(sweeps.Count);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: 2, columns: (sweeps.Count + 1) / 2);
        for (var i = 0; i < sweeps.Count; i++)
        {
            var plot = multiplot.GetPlot(i);
            var sweep = points.Where(p => p.Perturbation == sweeps[i]).ToList();
            var line = plot.Add.Scatter(sweep.Select(p => p.Amount).ToArray(), sweep.Select(p => p.Accuracy * 100).ToArray());
            line.LineWidth = 2;
            plot.Axes.SetLimitsY(0, 100);
            plot.Title(sweeps[i]);
            plot.YLabel("test accuracy (%)");
        }
        multiplot.GetPlot(0).Title($"{title}: {sweeps[0]}");
        AtomicFile.WriteBytes(path, multiplot.Render(1500, 800).GetImageBytes(ImageFormat.Png));
    }

    /// <summary>Per layer: relative change of activations against shift, and the change once the shift is undone.</summary>
    public static void SaveFeatureShift(string path, IReadOnlyList<FeatureShiftPoint> points)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        var plain = multiplot.GetPlot(0);
        var aligned = multiplot.GetPlot(1);
        foreach (var layer in points.Select(p => p.Layer).Distinct())
        {
            var series = points.Where(p => p.Layer == layer).ToList();
            var line = plain.Add.Scatter(series.Select(p => (double)p.Shift).ToArray(), series.Select(p => p.RelativeChange).ToArray());
            line.LegendText = layer;
            var exact = series.Where(p => p.AlignedChange is not null).ToList();
            if (exact.Count > 1)
            {
                var undone = aligned.Add.Scatter(exact.Select(p => (double)p.Shift).ToArray(), exact.Select(p => p.AlignedChange!.Value).ToArray());
                undone.LegendText = layer;
            }
        }
        plain.Title("activation change under horizontal shift");
        plain.XLabel("shift (px)");
        plain.YLabel("‖f(shifted) − f(original)‖ / ‖f(original)‖");
        plain.ShowLegend(Alignment.UpperLeft);
        aligned.Title("same, with the shift undone on the map");
        aligned.XLabel("shift (px)");
        aligned.ShowLegend(Alignment.UpperLeft);
        AtomicFile.WriteBytes(path, multiplot.Render(1400, 560).GetImageBytes(ImageFormat.Png));
    }

    /// <summary>CSV of the accuracy sweeps: perturbation, amount, accuracy.</summary>
    public static string AccuracyCsv(IEnumerable<RobustnessPoint> points) =>
        "perturbation,amount,accuracy\n" + string.Concat(points.Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"\"{p.Perturbation}\",{p.Amount},{p.Accuracy}\n")));

    /// <summary>CSV of the layer-by-layer shift experiment.</summary>
    public static string FeatureShiftCsv(IEnumerable<FeatureShiftPoint> points)
    {
        var text = new StringBuilder("layer,shift,relative_change,aligned_change\n");
        foreach (var p in points)
            text.Append(CultureInfo.InvariantCulture, $"{p.Layer},{p.Shift},{p.RelativeChange},{(p.AlignedChange is { } a ? a.ToString(CultureInfo.InvariantCulture) : "")}\n");
        return text.ToString();
    }
}
