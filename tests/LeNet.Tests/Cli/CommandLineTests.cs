using LeNet.Tests.Support;

namespace LeNet.Tests.Cli;

public sealed class CommandLineTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("tutorial", "44,426")]
    [InlineData("lenet5", "61,706")]
    public async Task Summary_prints_the_parameter_total(string architecture, string total)
    {
        var (exitCode, output) = await CliRun.Invoke("summary", "--arch", architecture);

        Assert.Equal(0, exitCode);
        Assert.Contains($"Total params: {total}", output);
        Assert.Contains("Mult-adds per image", output);
    }

    [Theory]
    [InlineData("--epochs", "-1", "--epochs: must be at least 1")]
    [InlineData("--batch-size", "0", "--batch-size: must be at least 1")]
    [InlineData("--arch", "resnet", "arch: unknown architecture 'resnet'")]
    [InlineData("--dataset", "math", "--generated: the math dataset's symbols exist only as generated handwriting")]
    [InlineData("--reject-output", "true", "--reject-output: trains the outliers of --outlier-exposure")]
    [InlineData("--generated", "-5", "--generated: must be between 0 and 50,000 per class")]
    public async Task Nonsense_flag_values_get_a_one_line_error_and_a_failing_exit_code(string flag, string value, string message)
    {
        var (exitCode, output) = await CliRun.Invoke("train", flag, value, "--out", _temp.File("run"));

        Assert.Equal(1, exitCode);
        Assert.Contains(message, output);
        Assert.DoesNotContain("   at ", output); // no stack trace
    }

    [Fact]
    public async Task An_unknown_flag_is_a_usage_error()
    {
        var (exitCode, output) = await CliRun.Invoke("train", "--epochz", "3");

        Assert.Equal(2, exitCode);
        Assert.Contains("--epochz", output);
    }

    [Fact]
    public async Task A_dry_run_trains_and_evaluate_reports_on_the_saved_model()
    {
        var folder = _temp.File("run");
        var (trainExit, trainOutput) = await CliRun.Invoke("train", "--dry-run", "--out", folder);

        Assert.Equal(0, trainExit);
        Assert.Contains("Total params: 61,706", trainOutput);  // the summary comes first
        Assert.Matches(@"epoch  1/1  train loss \d\.\d{4}", trainOutput);

        var (evaluateExit, evaluateOutput) = await CliRun.Invoke("evaluate", "--model", Path.Combine(folder, "model.lenet"));

        Assert.Equal(0, evaluateExit);
        Assert.Contains("10,000 images", evaluateOutput);
        Assert.Contains("Confusion matrix", evaluateOutput);
        Assert.True(File.Exists(Path.Combine(folder, "confusion.png")));
        Assert.True(File.Exists(Path.Combine(folder, "misclassified.png")));
        Assert.True(File.Exists(Path.Combine(folder, "reliability.png")));
        Assert.Contains("expected calibration error", evaluateOutput);
    }

    [Theory]
    [InlineData("paper")]
    [InlineData("paper-ecc")]
    public async Task The_paper_network_alone_trains_the_papers_way_and_says_so(string architecture)
    {
        var (exitCode, output) = await CliRun.Invoke("train", "--arch", architecture, "--dry-run", "--no-report", "--out", _temp.File(architecture));

        Assert.Equal(0, exitCode);
        Assert.Contains($"--arch {architecture} trains the paper's way", output);
        Assert.Contains($"{architecture}: ", output); // the network trained is the one asked for
        Assert.Contains("Training: Sdlm lr 0.0005 μ 1 for 2 passes then 0.1", output);
        Assert.Contains("schedule Paper, batch 1,", output);
        Assert.Contains("60,000 train / 0 validation", output);
        Assert.Contains("1 threads on cpu, fast path", output); // the fused SDLM step, not ~150 TorchSharp operations per example
    }

    [Fact]
    public async Task A_typed_flag_overrides_its_part_of_the_papers_recipe()
    {
        var (exitCode, output) = await CliRun.Invoke("train", "--arch", "paper", "--optimizer", "adam", "--lr", "0.001", "--batch-size", "64", "--dry-run", "--no-report", "--out", _temp.File("paper"));

        Assert.Equal(0, exitCode);
        Assert.Contains("Training: Adam lr 0.001 schedule Paper, batch 64", output);
    }

    [Fact]
    public async Task Resume_says_which_typed_flags_it_took_and_which_it_ignored()
    {
        var folder = _temp.File("run");
        await CliRun.Invoke("train", "--epochs", "1", "--max-batches", "5", "--val-split", "500", "--no-report", "--out", folder);

        var (exitCode, output) = await CliRun.Invoke("train", "--resume", "--out", folder, "--epochs", "2", "--max-batches", "5", "--lr", "0.1", "--no-report");

        Assert.Equal(0, exitCode);
        Assert.Contains("changed: --epochs 1 → 2", output);
        Assert.Contains("ignored: --lr 0.1 — the run keeps 0.005", output);
        Assert.Matches(@"epoch  2/2  train loss", output);
    }

    [Fact]
    public async Task Training_writes_a_self_contained_report_and_TensorBoard_logs()
    {
        var folder = _temp.File("run");
        var logs = _temp.File("tensorboard");

        var (exitCode, _) = await CliRun.Invoke("train", "--dry-run", "--out", folder, "--tensorboard", logs);

        Assert.Equal(0, exitCode);
        var report = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.True(System.Text.RegularExpressions.Regex.Matches(report, "<img src=\"data:image/png;base64,").Count >= 6);
        Assert.DoesNotContain("src=\"http", report);
        Assert.Contains("61,706", report);
        var events = Directory.GetFiles(logs, "events.out.tfevents.*", SearchOption.AllDirectories);
        Assert.NotEmpty(events);
        var content = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(events.OrderByDescending(e => new FileInfo(e).Length).First()));
        Assert.Contains("weights/conv1.weight", content);
        Assert.Contains("learning rate", content);
    }

    [Fact]
    public async Task Bench_prints_one_JSON_object_with_the_documented_keys()
    {
        var (exitCode, output) = await CliRun.Invoke("bench", "--quick", "--json");

        Assert.Equal(0, exitCode);
        var report = System.Text.Json.JsonDocument.Parse(output).RootElement;
        foreach (var key in new[] { "train_examples_per_second", "time_to_99_seconds", "infer_images_per_second_batch1000", "latency_p50_ms_png" })
            Assert.True(report.TryGetProperty(key, out _), key);
        Assert.True(report.GetProperty("train_examples_per_second").GetDouble() > 0);
        Assert.True(report.GetProperty("latency_p50_ms_png").GetDouble() > 0);
        Assert.Equal(Environment.ProcessorCount, report.GetProperty("machine").GetProperty("logical_cores").GetInt32());
        Assert.Equal("0.107.0", report.GetProperty("machine").GetProperty("torchsharp_version").GetString());
    }

    [Fact]
    public async Task Evaluating_a_missing_model_names_the_file()
    {
        var (exitCode, output) = await CliRun.Invoke("evaluate", "--model", _temp.File("nope.lenet"));

        Assert.Equal(1, exitCode);
        Assert.Contains("nope.lenet", output);
    }
}
