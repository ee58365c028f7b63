using LeNet.Cli;
using Spectre.Console;

namespace LeNet.Tests.Support;

/// <summary>Runs the <c>lenet</c> command line in process and captures what it printed.</summary>
internal static class CliRun
{
    public static async Task<(int ExitCode, string Output)> Invoke(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        var environment = new Dictionary<string, string?> { ["LENET_DATA"] = TestData.Datasets };
        var exitCode = await CliApp.RunAsync(args, console, name => environment.GetValueOrDefault(name));
        return (exitCode, writer.ToString());
    }
}
