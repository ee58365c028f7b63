using LeNet.IO;
using LeNet.Training;
using ScottPlot;

namespace LeNet.Reporting;

/// <summary>The confusion matrix as a heatmap with counts in each cell (rows: true class, columns: predicted).</summary>
public static class ConfusionMatrixPlot
{
    /// <summary>Draws <paramref name="report"/>'s matrix and writes it atomically as a PNG.</summary>
    public static void Save(string path, ClassificationReport report, string title, int size = 800)
    {
        var classes = report.ClassNames.Count;
        // Colour by the log of the count so the few off-diagonal errors stay visible next to ~1,000 correct.
        var intensity = new double[classes, classes];
        for (var row = 0; row < classes; row++)
            for (var column = 0; column < classes; column++)
                intensity[row, column] = Math.Log10(1 + report.Confusion[row, column]);

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(intensity);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        // Row 0 of the intensities is drawn at the top of the extent, so true class r sits at y = classes − 1 − r.
        heatmap.Extent = new CoordinateRect(left: 0, right: classes - 1, bottom: 0, top: classes - 1); // cell centres
        for (var row = 0; row < classes; row++)
        {
            for (var column = 0; column < classes; column++)
            {
                var text = plot.Add.Text(report.Confusion[row, column].ToString(System.Globalization.CultureInfo.InvariantCulture), column, classes - 1 - row);
                text.LabelFontColor = row == column ? Colors.Black : Colors.White;
                text.LabelFontSize = 14;
                text.LabelAlignment = Alignment.MiddleCenter;
            }
        }
        var ticks = Enumerable.Range(0, classes).Select(i => (double)i).ToArray();
        var names = report.ClassNames.ToArray();
        plot.Axes.Bottom.SetTicks(ticks, names);
        plot.Axes.Left.SetTicks([.. ticks.Reverse()], names);
        plot.Axes.SetLimits(-0.5, classes - 0.5, -0.5, classes - 0.5);
        plot.Title(title);
        plot.XLabel("predicted");
        plot.YLabel("true");
        AtomicFile.WriteBytes(path, plot.GetImageBytes(size, size, ImageFormat.Png));
    }
}
