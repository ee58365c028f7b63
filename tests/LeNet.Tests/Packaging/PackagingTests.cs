using System.Diagnostics;
using System.Globalization;
using LeNet.Inference;
using LeNet.Tests.Support;
using Xunit.Abstractions;

namespace LeNet.Tests.Packaging;

/// <summary>
/// The packages as users get them: the reader library in a separate app (published small, and as one trimmed file),
/// and the dotnet tool installed from a folder. Sizes go to the test output.
/// </summary>
public sealed class PackagingTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (int ExitCode, string Output) Dotnet(string workingDirectory, params string[] args) => Run("dotnet", workingDirectory, args);

    private static (int ExitCode, string Output) Run(string program, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        if (program == Qemu)
            start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1"; // the emulated app has no arm64 ICU; the reader needs none
        start.Environment["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"{program} {string.Join(' ', args)} timed out");
        return (process.ExitCode, output.Result + errors.Result);
    }

    /// <summary>The sample app, copied outside the repository, restoring LeNet.Recognition from a fresh package only.</summary>
    private (string App, string Cache) SampleAgainstPackedReader()
    {
        var root = Samples.RepositoryRoot();
        var feed = _temp.File("feed");
        var pack = Dotnet(root, "pack", "src/LeNet.Recognition", "-c", "Release", "-o", feed);
        Assert.True(pack.ExitCode == 0, pack.Output);
        var app = Directory.CreateDirectory(_temp.File("app")).FullName;
        File.Copy(Path.Combine(root, "samples", "ReadADigit", "ReadADigit.csproj"), Path.Combine(app, "ReadADigit.csproj"));
        File.Copy(Path.Combine(root, "samples", "ReadADigit", "Program.cs"), Path.Combine(app, "Program.cs"));
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <configuration><packageSources><clear /><add key="feed" value="{feed}" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources></configuration>
            """);
        return (app, _temp.File("packages")); // a private cache, so the package just packed is the one used
    }

    private static long MegabytesIn(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) / 1_000_000;

    [Fact]
    public void The_sample_app_published_for_linux_is_under_20_MB_and_reads_the_sample_photos_as_the_library_does()
    {
        var (app, cache) = SampleAgainstPackedReader();
        var published = Path.Combine(app, "published");
        var publish = Dotnet(app, "publish", "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "--packages", cache, "-o", published);
        Assert.True(publish.ExitCode == 0, publish.Output);
        var photos = DigitPhotos();

        var run = Run(Path.Combine(published, "ReadADigit"), app, photos);

        var megabytes = MegabytesIn(published);
        output.WriteLine($"ReadADigit, framework-dependent linux-x64: {megabytes} MB");
        Assert.True(megabytes <= 20, $"{megabytes} MB published");
        Assert.DoesNotContain(Directory.GetFiles(published), f => Path.GetFileName(f).Contains("torch", StringComparison.OrdinalIgnoreCase)
                                                                  || Path.GetFileName(f).Contains("onnx", StringComparison.OrdinalIgnoreCase));
        AssertReadAsTheLibraryDoes(run, photos);
    }

    private static string[] DigitPhotos() => [.. Enumerable.Range(0, 10).Select(d => Samples.File($"digit-{d}.jpg"))];

    /// <summary>The app's lines are the in-process reader's answers, and at least 9 of the 10 digits are right.</summary>
    private static void AssertReadAsTheLibraryDoes((int ExitCode, string Output) run, string[] photos, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        Assert.True(run.ExitCode == 0, run.Output);
        using var reader = DigitRecognizer.LoadBundled();
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = photos.Select(p => reader.PredictFile(p)).Select((d, i) => string.Create(culture, $"{photos[i]}: {d.Display} ({d.Probability:P1})"));
        Assert.Equal(expected, lines);
        Assert.True(Enumerable.Range(0, 10).Count(d => lines[d].StartsWith($"{photos[d]}: {d} ", StringComparison.Ordinal)) >= 9, run.Output);
    }

    [Fact]
    public void The_sample_app_published_for_linux_arm64_reads_as_on_x64_on_the_portable_kernels()
    {
        Assert.True(File.Exists(Qemu), $"{Qemu} is missing: ./test installs qemu-user-static and the arm64 C libraries");
        var (app, cache) = SampleAgainstPackedReader();
        var published = Path.Combine(app, "arm64");
        var publish = Dotnet(app, "publish", "-c", "Release", "-r", "linux-arm64", "--self-contained", "true", "--packages", cache, "-o", published);
        Assert.True(publish.ExitCode == 0, publish.Output);
        var photos = DigitPhotos();

        var run = Run(Qemu, app, [Path.Combine(published, "ReadADigit"), .. photos]);

        AssertReadAsTheLibraryDoes(run, photos, CultureInfo.InvariantCulture);
    }

    /// <summary>Debian's user-mode emulator: runs the arm64 app (no AVX2 there, so the portable kernels) on this x64 machine.</summary>
    private const string Qemu = "/usr/bin/qemu-aarch64-static";

    [Fact]
    public void A_trimmed_self_contained_single_file_reader_runs_without_the_SDK()
    {
        var (app, cache) = SampleAgainstPackedReader();
        var published = Path.Combine(app, "single");
        var publish = Dotnet(app, "publish", "-c", "Release", "-r", "linux-x64", "--self-contained", "true", "-p:PublishTrimmed=true",
            "-p:PublishSingleFile=true", "-p:IncludeNativeLibrariesForSelfExtract=true", "-p:DebugType=none", "--packages", cache, "-o", published);
        Assert.True(publish.ExitCode == 0, publish.Output);
        Assert.DoesNotContain("warning IL", publish.Output); // the reader is trim-safe

        var run = Run(Path.Combine(published, "ReadADigit"), app, Samples.File("digit-7.jpg"));

        output.WriteLine($"ReadADigit, trimmed self-contained single file: {MegabytesIn(published)} MB");
        Assert.Single(Directory.GetFiles(published));
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("digit-7.jpg: 7", run.Output);
    }

    [Fact]
    public void The_dotnet_tool_installs_from_a_folder_and_predicts_in_a_new_folder()
    {
        var root = Samples.RepositoryRoot();
        var feed = _temp.File("feed");
        var pack = Dotnet(root, "pack", "src/LeNet.Cli", "-c", "Release", "-o", feed);
        Assert.True(pack.ExitCode == 0, pack.Output);
        output.WriteLine($"LeNet.Cli tool package: {MegabytesIn(feed)} MB");
        var tools = _temp.File("tools");
        var install = Dotnet(_temp.Path, "tool", "install", "--tool-path", tools, "--add-source", feed, "LeNet.Cli");
        Assert.True(install.ExitCode == 0, install.Output);
        var work = Directory.CreateDirectory(_temp.File("new-folder")).FullName;
        File.Copy(Samples.File("digit-4.jpg"), Path.Combine(work, "photo.jpg"));

        var predict = Run(Path.Combine(tools, "lenet"), work, "predict", "photo.jpg", "--json");

        Assert.True(predict.ExitCode == 0, predict.Output);
        Assert.Contains("\"digit\": \"4\"", predict.Output);
    }
}
