using System.Diagnostics;
using LeNet.Tests.Support;

namespace LeNet.Tests.Packaging;

/// <summary>The packages as users get them: the library in a separate app, and the dotnet tool installed from a folder.</summary>
public sealed class PackagingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (int ExitCode, string Output) Dotnet(string workingDirectory, params string[] args) => Run("dotnet", workingDirectory, args);

    private static (int ExitCode, string Output) Run(string program, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"{program} {string.Join(' ', args)} timed out");
        return (process.ExitCode, output.Result + errors.Result);
    }

    [Fact]
    public void The_sample_app_builds_and_reads_a_digit_against_the_packed_library()
    {
        var root = Samples.RepositoryRoot();
        var feed = _temp.File("feed");
        var pack = Dotnet(root, "pack", "src/LeNet", "-c", "Release", "-o", feed);
        Assert.True(pack.ExitCode == 0, pack.Output);
        // A copy of the sample outside the repository, restoring LeNet from the fresh package only.
        var app = Directory.CreateDirectory(_temp.File("app")).FullName;
        File.Copy(Path.Combine(root, "samples", "ReadADigit", "ReadADigit.csproj"), Path.Combine(app, "ReadADigit.csproj"));
        File.Copy(Path.Combine(root, "samples", "ReadADigit", "Program.cs"), Path.Combine(app, "Program.cs"));
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <configuration><packageSources><clear /><add key="feed" value="{feed}" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources></configuration>
            """);
        var cache = _temp.File("packages"); // a private cache, so the package just packed is the one used
        var restore = Dotnet(app, "restore", "--packages", cache);
        Assert.True(restore.ExitCode == 0, restore.Output);

        var run = Dotnet(app, "run", "--no-restore", "-p:RestorePackagesPath=" + cache, "--", Samples.File("digit-7.jpg"));

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
