using System.Diagnostics;
using LeNet.Tests.Support;

namespace LeNet.Tests.Cli;

/// <summary>What a careless user or an attacker types: a one-line error and exit code 1, never a stack trace or a hang.</summary>
public sealed class HostileCommandLineTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static void AssertOneLineError((int ExitCode, string Output) run, string message)
    {
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Output);
        Assert.DoesNotContain("   at ", run.Output);
        Assert.DoesNotContain("Unhandled", run.Output);
    }

    [Fact]
    public async Task One_bad_image_in_a_folder_costs_only_its_own_row()
    {
        var folder = Directory.CreateDirectory(_temp.File("photos")).FullName;
        File.Copy(Samples.File("digit-1.jpg"), Path.Combine(folder, "a.jpg"));
        File.WriteAllBytes(Path.Combine(folder, "b.bmp"), HostileImages.BmpDeclaring(int.MinValue, 1));
        File.Copy(Samples.File("digit-2.jpg"), Path.Combine(folder, "c.jpg"));
        var csv = _temp.File("out.csv");

        var (exitCode, output) = await CliRun.Invoke("predict", folder, "--csv", csv);

        Assert.Equal(1, exitCode); // not every image was read
        var rows = File.ReadAllLines(csv);
        Assert.Equal(4, rows.Length);
        Assert.Contains(",1,", rows[1]);
        Assert.Contains("exceeds the limit of 64,000,000 pixels", rows[2]);
        Assert.Contains(",2,", rows[3]);
        Assert.DoesNotContain("   at ", output);
    }

    [Theory]
    [InlineData("not a url", "not an http:// or https:// address")]
    [InlineData("http://999.1.1.1:80", "'999.1.1.1' is not an IP address")]
    [InlineData("http://my-laptop:5000", "'my-laptop' is not an IP address")]
    [InlineData("http://127.0.0.1:99999", "port '99999' is not a number from 0 to 65535")]
    public async Task Serve_refuses_an_address_it_would_misread_or_widen(string urls, string message) =>
        AssertOneLineError(await CliRun.Invoke("serve", "--urls", urls), $"--urls {urls}: {message}");

    [Fact]
    public async Task A_finetune_benchmark_that_would_measure_no_photos_is_refused() =>
        AssertOneLineError(await CliRun.Invoke("finetune", "--benchmark", "--measured", "0"), "--measured: must be at least 1 photo per digit (got 0)");

    [Fact]
    public async Task A_finetune_benchmark_with_no_examples_to_adapt_from_is_refused() =>
        AssertOneLineError(await CliRun.Invoke("finetune", "--benchmark", "--examples", "0"), "--examples: must be at least 1 photo per digit (got 0)");

    [Fact]
    public async Task Serve_on_a_port_in_use_says_so_in_one_line()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)taken.LocalEndpoint).Port}";

        var run = await CliRun.Invoke("serve", "--urls", url);

        AssertOneLineError(run, "address already in use");
        Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_validation_split_as_large_as_the_training_set_is_refused_and_leaves_no_folder_behind()
    {
        var folder = _temp.File("run");

        AssertOneLineError(await CliRun.Invoke("train", "--val-split", "60000", "--out", folder), "--val-split: must be less than the 60,000 training examples");
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task A_negative_sample_count_for_robustness_is_refused() =>
        AssertOneLineError(await CliRun.Invoke("robustness", "--samples", "-5"), "--samples: must be 0 (all test images) or a positive count");

    [Fact]
    public void Closed_standard_output_ends_with_an_error_on_standard_error_not_a_crash()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "LeNet.Cli.dll");
        var start = new ProcessStartInfo("bash", ["-c", $"exec dotnet '{cli}' predict '{Samples.File("digit-7.jpg")}' >&-"]) { RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)));

        Assert.Equal(1, process.ExitCode);
        Assert.Equal("error: cannot write the output (Bad file descriptor)", errors.Trim());
    }
}
