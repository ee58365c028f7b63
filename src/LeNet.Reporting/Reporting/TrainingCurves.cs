using LeNet.IO;
using LeNet.Training;
using ScottPlot;

namespace LeNet.Reporting;

/// <summary>The picture every tutorial draws after training: loss and accuracy per epoch, side by side.</summary>
public static class TrainingCurves
{
    /// <summary>Draws <paramref name="history"/> and writes it atomically as a PNG.</summary>
    public static void Save(string path, IReadOnlyList<EpochMetrics> history, string title, int width = 1200, int height = 450)
    {
        double[] epochs = [.. history.Select(m => (double)m.Epoch)];
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();

        var loss = multiplot.GetPlot(0);
        AddLine(loss, epochs, history.Select(m => m.TrainLoss), "train");
        AddLine(loss, epochs, history.Select(m => m.ValidationLoss), "validation");
        AddLine(loss, epochs, history.Select(m => m.TestLoss), "test");
        Style(loss, $"{title} — loss", "cross-entropy");

        var accuracy = multiplot.GetPlot(1);
        AddLine(accuracy, epochs, history.Select(m => m.TrainAccuracy * 100), "train");
        AddLine(accuracy, epochs, history.Select(m => m.ValidationAccuracy * 100), "validation");
        AddLine(accuracy, epochs, history.Select(m => m.TestAccuracy * 100), "test");
        Style(accuracy, $"{title} — accuracy", "accuracy (%)");

        var png = multiplot.Render(width, height).GetImageBytes(ImageFormat.Png);
        AtomicFile.WriteBytes(path, png);
    }

    private static void AddLine(Plot plot, double[] epochs, IEnumerable<double> values, string label)
    {
        var line = plot.Add.Scatter(epochs, values.ToArray());
        line.LegendText = label;
        line.MarkerSize = 6;
        line.LineWidth = 2;
    }

    private static void Style(Plot plot, string title, string yLabel)
    {
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        plot.ShowLegend(yLabel.StartsWith("accuracy", StringComparison.Ordinal) ? Alignment.LowerRight : Alignment.UpperRight);
    }
}
