using System.Globalization;
using System.Net;
using System.Text;
using LeNet.Inference;
using LeNet.IO;
using LeNet.Models;
using LeNet.Training;

namespace LeNet.Reporting;

/// <summary>
/// <c>report.html</c>: one self-contained page per training run (every picture inline, no network needed to view):
/// curves, confusion matrix, worst mistakes, calibration, kernels, feature maps, model summary and settings.
/// </summary>
public static class RunReport
{
    /// <summary>Writes the report (and the evaluation pictures beside it) into the run folder; returns its path.</summary>
    public static string Write(RunFolder folder, TrainedModel model, TestSetEvaluation evaluation, IReadOnlyList<EpochMetrics> history)
    {
        var pictures = EvaluationPictures.Save(folder.Path, evaluation, model.Metadata.Architecture);
        var firstDigit = GrayImage.FromBytes(evaluation.Width, evaluation.Height, evaluation.Images.AsSpan(0, evaluation.Width * evaluation.Height));
        var summary = ModelSummary.Of(model.Metadata.Architecture, model.Inspected);
        var html = new StringBuilder();
        var m = model.Metadata;
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(m.Architecture)} on {Encode(evaluation.Dataset.DisplayName)} — LeNet.NET run report</title>
            {Style}
            </head><body>
            <h1>{Encode(m.Architecture)} on {Encode(evaluation.Dataset.DisplayName)}</h1>
            <p class="sub">Test accuracy <b>{evaluation.Result.Accuracy:P2}</b> (error {evaluation.Result.Error:P2}) after {m.Epochs} epochs · {summary.TotalParameters:N0} parameters · written {m.CreatedUtc:yyyy-MM-dd HH:mm} UTC by LeNet.NET {Encode(m.ProjectVersion)} on TorchSharp {Encode(m.TorchSharpVersion)}</p>
            <h2>Training curves</h2><img src="{DataUrl(File.ReadAllBytes(folder.Curves))}" alt="loss and accuracy per epoch">
            """);
        html.Append("<h2>Per epoch</h2><table><tr><th>epoch</th><th>train loss</th><th>train acc</th><th>val acc</th><th>test loss</th><th>test acc</th><th>lr</th><th>seconds</th><th>examples/s</th></tr>");
        foreach (var e in history)
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{e.Epoch}</td><td>{e.TrainLoss:F4}</td><td>{e.TrainAccuracy:P2}</td><td>{e.ValidationAccuracy:P2}</td><td>{e.TestLoss:F4}</td><td>{e.TestAccuracy:P2}</td><td>{e.LearningRate:G3}</td><td>{e.Seconds:F1}</td><td>{e.ExamplesPerSecond:N0}</td></tr>");
        html.Append("</table>");

        html.Append(CultureInfo.InvariantCulture, $"""
            <h2>Test set</h2>
            <p>Loss {evaluation.Result.Loss:F4}, macro F1 {evaluation.Report.MacroF1:F4}; expected calibration error {evaluation.Uncalibrated.ExpectedCalibrationError:P2} raw, {evaluation.Calibrated.ExpectedCalibrationError:P2} at temperature {evaluation.Calibrated.Temperature:F2}.</p>
            <div class="pair"><img src="{DataUrl(File.ReadAllBytes(pictures.Confusion))}" alt="confusion matrix"><img src="{DataUrl(File.ReadAllBytes(pictures.Misclassified))}" alt="most confident mistakes"></div>
            <table><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>
            """);
        foreach (var c in evaluation.Report.Classes)
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(c.Name)}</td><td>{c.Precision:F4}</td><td>{c.Recall:F4}</td><td>{c.F1:F4}</td><td>{c.Support:N0}</td></tr>");
        html.Append(CultureInfo.InvariantCulture, $"""
            </table>
            <h2>Calibration</h2><img src="{DataUrl(File.ReadAllBytes(pictures.Reliability))}" alt="reliability diagram">
            <h2>What the network learned</h2>
            <div class="pair"><img src="{DataUrl(NetworkPictures.Kernels(model))}" alt="convolution kernels"><img src="{DataUrl(NetworkPictures.FeatureMaps(model, firstDigit))}" alt="feature maps of the first test image"></div>
            <h2>Model</h2><table><tr><th>layer</th><th>output shape</th><th>parameters</th><th>mult-adds</th></tr>
            """);
        foreach (var layer in summary.Layers)
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(layer.Name)} ({Encode(layer.Type)})</td><td>[{string.Join(", ", layer.OutputShape.Skip(1))}]</td><td>{layer.Parameters:N0}</td><td>{layer.MultiplyAccumulates:N0}</td></tr>");
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>total</th><th></th><th>{summary.TotalParameters:N0}</th><th>{summary.MultiplyAccumulates:N0}</th></tr></table>");
        html.Append("<h2>Run settings</h2><table>");
        var settings = m.TrainingOptions();
        foreach (var property in settings is null ? [] : typeof(TrainingOptions).GetProperties())
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(property.Name)}</td><td>{Encode(Convert.ToString(property.GetValue(settings), CultureInfo.InvariantCulture) ?? "")}</td></tr>");
        html.Append("</table></body></html>\n");

        var path = Path.Combine(folder.Path, "report.html");
        AtomicFile.WriteText(path, html.ToString());
        return path;
    }

    private const string Style = """
        <style>
        body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem; color: #1d2433; }
        h1 { margin-bottom: .2rem; } .sub { color: #667085; margin-top: 0; }
        table { border-collapse: collapse; margin: .5rem 0 1.5rem; font-variant-numeric: tabular-nums; }
        th, td { border-bottom: 1px solid #e4e9f2; padding: .3rem .7rem; text-align: right; } th:first-child, td:first-child { text-align: left; }
        img { max-width: 100%; border: 1px solid #e4e9f2; border-radius: 6px; }
        .pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 1rem; }
        </style>
        """;

    private static string DataUrl(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
