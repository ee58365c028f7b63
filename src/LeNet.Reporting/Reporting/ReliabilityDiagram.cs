using LeNet.IO;
using LeNet.Training;
using ScottPlot;

namespace LeNet.Reporting;

/// <summary>The reliability diagram: accuracy against confidence per bin, before and after temperature scaling.</summary>
public static class ReliabilityDiagram
{
    /// <summary>Draws both calibrations side by side and writes a PNG atomically.</summary>
    public static void Save(string path, Calibration uncalibrated, Calibration calibrated, int width = 1100, int height = 480)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        Draw(multiplot.GetPlot(0), uncalibrated, "raw softmax (T = 1)");
        Draw(multiplot.GetPlot(1), calibrated, $"temperature scaled (T = {calibrated.Temperature:F2})");
        AtomicFile.WriteBytes(path, multiplot.Render(width, height).GetImageBytes(ImageFormat.Png));
    }

    private static void Draw(Plot plot, Calibration calibration, string title)
    {
        var width = 1.0 / Calibration.BinCount;
        var bars = calibration.Bins.Where(b => b.Count > 0)
            .Select(b => new Bar { Position = (b.Low + b.High) / 2, Value = b.Accuracy, Size = width * 0.9, FillColor = Colors.SteelBlue })
            .ToList();
        plot.Add.Bars(bars);
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LineColor = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.Title($"{title}: ECE {calibration.ExpectedCalibrationError:P2}");
        plot.XLabel("confidence");
        plot.YLabel("accuracy");
    }
}
