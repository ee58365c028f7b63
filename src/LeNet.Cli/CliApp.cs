using System.CommandLine;
using LeNet.Cli.Commands;
using LeNet.Native;
using Spectre.Console;

namespace LeNet.Cli;

/// <summary>Composes the <c>lenet</c> commands and runs one. Everything the commands need from outside comes in here.</summary>
public static class CliApp
{
    /// <summary>Runs the command line <paramref name="args"/>, writing to <paramref name="console"/>.</summary>
    /// <returns>0 on success, 1 for a user error (bad file, bad option), 2 for a usage error, 130 when interrupted.</returns>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, Func<string, string?> environment)
    {
        var context = new CliContext(console, environment);
        var root = new RootCommand("LeNet.NET — LeNet-5 handwritten-digit recognition: train, evaluate, inspect.")
        {
            TrainCommand.Create(context),
            EvaluateCommand.Create(context),
            SummaryCommand.Create(context),
            PredictCommand.Create(context),
            LineCommands.Read(context),
            LineCommands.Calc(context),
            ServeCommand.Create(context),
            VisualizeCommand.Create(context),
            RobustnessCommand.Create(context),
            ExportCommand.Create(context),
            GenerateCommand.Create(context),
            EnsembleCommand.Create(context),
            BenchCommand.Create(context),
            FinetuneCommand.Create(context),
            ReproduceCommand.Create(context),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                console.MarkupLineInterpolated($"[red]error:[/] {error.Message}");
            console.MarkupLine("Run [bold]lenet --help[/] for usage.");
            return 2;
        }
        try
        {
            var invocation = new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                // Ctrl+C cancels the command's token; training then saves a checkpoint before exiting.
                ProcessTerminationTimeout = TimeSpan.FromSeconds(60),
                Output = console.Profile.Out.Writer,
                Error = console.Profile.Out.Writer,
            };
            return await parse.InvokeAsync(invocation);
        }
        catch (Exception e) when (e is LeNetException or TorchUnavailableException)
        {
            // Written unwrapped, so logs and scripts get the whole message on one line.
            console.Profile.Out.Writer.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            console.MarkupLine("[yellow]interrupted[/]");
            return 130;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e.TargetSite?.DeclaringType?.FullName == "System.ConsolePal")
        {
            // The output was closed (`lenet predict x >&-`) or cannot be written: say so where it may still be read.
            try
            {
                Console.Error.WriteLine($"error: cannot write the output ({(e.InnerException ?? e).Message.TrimEnd('.')})");
            }
            catch (Exception unwritable) when (unwritable is IOException or UnauthorizedAccessException)
            {
                // Standard error is gone as well; the exit code still tells.
            }
            return 1;
        }
    }
}
