using System.CommandLine;
using LeNet.Data;
using LeNet.Models;
using LeNet.Native;
using LeNet.Training;
using Spectre.Console;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet ensemble</c>: trained models of one kind combined into one model file that reads with all of them.</summary>
internal static class EnsembleCommand
{
    public static Command Create(CliContext context)
    {
        var models = new Argument<string[]>("models") { Description = "Two or more model files of one architecture and dataset (trained with different seeds, say).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "The ensemble's model file.", Required = true };
        var data = SharedOptions.Data();
        var command = new Command("ensemble", "Combine models into an ensemble that averages their calibrated probabilities, and measure it on the test set.")
        {
            models, output, data,
        };
        command.SetAction(parse =>
        {
            TorchRuntime.EnsureLoaded();
            var paths = parse.GetValue(models)!;
            var loaded = new List<(string, TrainedModel)>();
            try
            {
                foreach (var path in paths)
                    loaded.Add((path, ModelFile.Load(path)));
                using var ensemble = Ensembles.Combine(loaded);
                loaded.Clear(); // the ensemble owns them now
                var dataset = DatasetInfo.FromName(ensemble.Metadata.Dataset);
                using var split = new DatasetLoader(context.DataOptions(parse.GetValue(data))).Load(dataset);
                var test = TestSetEvaluation.Run(ensemble, dataset, split.Test);
                var target = parse.GetValue(output)!;
                ModelFile.Save(target, ensemble.Network, ensemble.Metadata with { TestAccuracy = test.Result.Accuracy, TestLoss = test.Result.Loss });
                context.Console.MarkupLineInterpolated($"Wrote {target}: {paths.Length} × {ensemble.Metadata.Architecture}, test accuracy {test.Result.Accuracy:P2} on {dataset.DisplayName}");
                return 0;
            }
            finally
            {
                foreach (var (_, model) in loaded)
                    model.Dispose();
            }
        });
        return command;
    }
}
