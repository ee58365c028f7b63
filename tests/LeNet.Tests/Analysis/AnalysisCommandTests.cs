using System.Globalization;
using LeNet.Data;
using LeNet.Models;
using LeNet.Tests.Support;
using LeNet.Training;
using SkiaSharp;

namespace LeNet.Tests.Analysis;

public sealed class AnalysisCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (int Width, int Height) PngSize(string path)
    {
        using var codec = SKCodec.Create(path);
        Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
        return (codec.Info.Width, codec.Info.Height);
    }

    [Fact]
    public async Task Visualize_writes_kernels_feature_maps_and_saliency_with_the_bundled_model()
    {
        var (exitCode, output) = await CliRun.Invoke("visualize", "--out", _temp.Path);

        Assert.Equal(0, exitCode);
        Assert.Contains("read as 7", output); // the first MNIST test digit is a 7
        foreach (var file in new[] { "kernels.png", "feature-maps.png", "saliency.png" })
        {
            var (width, height) = PngSize(_temp.File(file));
            Assert.True(width >= 200 && height >= 100, $"{file} is {width} × {height}");
        }
    }

    [Fact]
    public async Task Visualize_takes_a_photo_and_refuses_a_blank_one()
    {
        var (exitCode, _) = await CliRun.Invoke("visualize", "--image", Samples.File("digit-3.jpg"), "--out", _temp.Path);
        File.WriteAllBytes(_temp.File("blank.jpg"), NonDigits.BlankPage(1));
        var (blankExit, blankOutput) = await CliRun.Invoke("visualize", "--image", _temp.File("blank.jpg"), "--out", _temp.Path);

        Assert.Equal(0, exitCode);
        Assert.Equal(1, blankExit);
        Assert.Contains("no ink", blankOutput);
    }

    [Fact]
    public async Task Robustness_at_zero_perturbation_equals_plain_accuracy_and_falls_as_the_shift_grows()
    {
        var (exitCode, _) = await CliRun.Invoke("robustness", "--samples", "1000", "--out", _temp.Path);
        Assert.Equal(0, exitCode);

        var rows = File.ReadAllLines(_temp.File("robustness.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Select(cells => (Sweep: cells[0].Trim('"'), Amount: double.Parse(cells[1], CultureInfo.InvariantCulture), Accuracy: double.Parse(cells[2], CultureInfo.InvariantCulture)))
            .ToList();
        using var model = ModelFile.LoadBundled();
        using var mnist = new DatasetLoader(TestData.Options).Load(DatasetInfo.Mnist);
        using var test = LabelledTensors.From(mnist.Test, model.Metadata.Normalization, TorchSharp.torch.CPU);
        using var inputs = test.Inputs.narrow(0, 0, 1000);
        using var labels = test.Labels.narrow(0, 0, 1000);
        var plain = Evaluator.Evaluate(model.Network, inputs, labels, LossFunction.CrossEntropy, classes: model.Metadata.ClassNames.Count).Accuracy;

        foreach (var sweep in new[] { "horizontal shift (px)", "vertical shift (px)", "rotation (degrees)" })
            Assert.Equal(plain, rows.Single(r => r.Sweep == sweep && r.Amount == 0).Accuracy, 6);
        Assert.Equal(plain, rows.Single(r => r.Sweep.StartsWith("scale", StringComparison.Ordinal) && r.Amount == 1).Accuracy, 6);
        var shifts = rows.Where(r => r.Sweep == "horizontal shift (px)" && r.Amount >= 0).OrderBy(r => r.Amount).Select(r => r.Accuracy).ToList();
        Assert.True(shifts[^1] < shifts[4] && shifts[4] < shifts[0] + 1e-9, string.Join(", ", shifts));
        Assert.True(shifts[^1] < 0.7 * shifts[0]);

        var featureShift = File.ReadAllLines(_temp.File("feature-shift.csv"));
        Assert.StartsWith("layer,shift,relative_change,aligned_change", featureShift[0]);
        var conv1AtZero = featureShift.Single(l => l.StartsWith("conv1,0,", StringComparison.Ordinal)).Split(',');
        Assert.True(double.Parse(conv1AtZero[2], CultureInfo.InvariantCulture) < 1e-5); // no shift, no change
        var conv1AtFour = featureShift.Single(l => l.StartsWith("conv1,4,", StringComparison.Ordinal)).Split(',');
        Assert.True(double.Parse(conv1AtFour[3], CultureInfo.InvariantCulture) < 0.5 * double.Parse(conv1AtFour[2], CultureInfo.InvariantCulture),
            "undoing the shift on conv1's maps removes most of the change: convolution is shift-equivariant");
        Assert.Equal((1500, 800), PngSize(_temp.File("robustness.png")));
        Assert.Equal((1400, 560), PngSize(_temp.File("feature-shift.png")));
    }
}
