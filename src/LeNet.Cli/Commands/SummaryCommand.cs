using System.CommandLine;
using LeNet.Cli.Rendering;
using LeNet.Models;
using LeNet.Native;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet summary</c>: the layer table of an architecture, before any training.</summary>
internal static class SummaryCommand
{
    public static Command Create(CliContext context)
    {
        var architecture = SharedOptions.Architecture();
        var command = new Command("summary", "Print an architecture's layers, output shapes, parameters, multiply-accumulates and memory.")
        {
            architecture,
        };
        command.SetAction(parse =>
        {
            var chosen = Architecture.FromName(parse.GetValue(architecture)!);
            TorchRuntime.EnsureLoaded();
            using var network = chosen.Create();
            SummaryTable.Write(context.Console, ModelSummary.Of(chosen.Name, network), chosen.Description);
            return 0;
        });
        return command;
    }
}
