using System.Text.Json;
using LeNet.Tests.Support;

namespace LeNet.Tests.Cli;

public sealed class PredictAndReadTests : IDisposable
{
    private static readonly string SampleFolder = Samples.Folder;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Predict_reads_the_sample_photos_with_the_bundled_model_and_no_training()
    {
        var (exitCode, output) = await CliRun.Invoke("predict", Path.Combine(SampleFolder, "digit-7.jpg"), Path.Combine(SampleFolder, "digit-2.jpg"), "--json");

        Assert.Equal(0, exitCode);
        var results = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(["7", "2"], results.Select(r => r.GetProperty("digit").GetString()));
        Assert.All(results, r => Assert.Equal(3, r.GetProperty("top3").GetArrayLength()));
    }

    [Fact]
    public async Task Predict_on_a_folder_writes_a_CSV_report_and_fails_only_for_unreadable_files()
    {
        var folder = Directory.CreateDirectory(_temp.File("in")).FullName;
        File.Copy(Path.Combine(SampleFolder, "digit-7.jpg"), Path.Combine(folder, "a.jpg"));
        File.WriteAllText(Path.Combine(folder, "b.png"), "<html>not an image</html>");
        var csv = _temp.File("report.csv");

        var (exitCode, output) = await CliRun.Invoke("predict", folder, "--csv", csv, "--show-steps", _temp.File("steps"));

        Assert.Equal(1, exitCode);
        Assert.Contains("HTML", output);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"{Path.Combine(folder, "a.jpg")},7,", lines[1]);
        Assert.True(File.Exists(_temp.File("steps/a.steps.png")));
    }

    [Fact]
    public async Task Read_prints_the_number_and_writes_an_annotated_image()
    {
        var annotated = _temp.File("read.png");

        var (exitCode, output) = await CliRun.Invoke("read", Path.Combine(SampleFolder, "line-012345.jpg"), "--out", annotated);

        Assert.Equal(0, exitCode);
        Assert.Contains("012345", output);
        Assert.True(new FileInfo(annotated).Length > 1000);
    }

    [Fact]
    public async Task An_exported_ONNX_model_reads_photos_on_ONNX_Runtime_alone()
    {
        var onnx = _temp.File("model.onnx");
        var (exportExit, exportOutput) = await CliRun.Invoke("export", "--out", onnx);
        Assert.Equal(0, exportExit);
        Assert.Contains("Conv → Relu → MaxPool", exportOutput);

        var (exitCode, output) = await CliRun.Invoke("predict", Path.Combine(SampleFolder, "digit-9.jpg"), "--model", onnx, "--runtime", "onnx", "--json");
        var (readExit, readOutput) = await CliRun.Invoke("read", Path.Combine(SampleFolder, "line-012345.jpg"), "--model", onnx, "--runtime", "onnx", "--out", _temp.File("r.png"));

        Assert.Equal(0, exitCode);
        Assert.Equal("9", JsonDocument.Parse(output).RootElement[0].GetProperty("digit").GetString());
        Assert.Equal(0, readExit);
        Assert.Contains("012345", readOutput);
    }

    [Fact]
    public async Task An_ONNX_file_without_the_ONNX_runtime_is_a_clear_error()
    {
        File.WriteAllBytes(_temp.File("m.onnx"), [1, 2, 3]);

        var (exitCode, output) = await CliRun.Invoke("predict", Path.Combine(SampleFolder, "digit-9.jpg"), "--model", _temp.File("m.onnx"));

        Assert.Equal(1, exitCode);
        Assert.Contains("--runtime onnx", output);
    }

    [Fact]
    public async Task A_missing_image_is_a_one_line_error()
    {
        var (exitCode, output) = await CliRun.Invoke("read", _temp.File("nope.jpg"));

        Assert.Equal(1, exitCode);
        Assert.Contains("nope.jpg: file not found", output);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(output, "nope\\.jpg"));
    }

    [Theory]
    [InlineData("predict")]
    [InlineData("read")]
    [InlineData("calc")]
    public async Task An_option_the_command_does_not_have_is_refused_by_name_not_looked_for_as_a_file(string command)
    {
        var (exitCode, output) = await CliRun.Invoke(command, "--colour", Path.Combine(SampleFolder, "digit-7.jpg"));

        Assert.Equal(1, exitCode);
        Assert.Contains($"--colour: lenet {command} has no such option", output);
        Assert.DoesNotContain("file not found", output);
    }

    [Fact]
    public async Task Read_with_math_points_to_calc()
    {
        var (exitCode, output) = await CliRun.Invoke("read", "--math", Path.Combine(SampleFolder, "sum-1.jpg"));

        Assert.Equal(1, exitCode);
        Assert.Contains("lenet calc", output);
    }
}
