using System.CommandLine;
using LeNet.Analysis;
using LeNet.Data;
using LeNet.IO;
using LeNet.Native;
using LeNet.Reporting;
using Spectre.Console;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet robustness</c>: test accuracy under shift, rotation, scale, noise and occlusion; activation change under shift.</summary>
internal static class RobustnessCommand
{
    public static Command Create(CliContext context)
    {
        var model = SharedOptions.Model();
        var dataset = new Option<string?>("--dataset") { Description = "Test set (default: the model's dataset)." };
        var samples = new Option<int>("--samples") { Description = "Test images per measurement (the first N of the test set; 0 = all 10,000).", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Folder for the CSV and PNG files.", DefaultValueFactory = _ => "robustness" };
        var threads = SharedOptions.Threads();
        var data = SharedOptions.Data();
        var command = new Command("robustness", "Measure accuracy under shifts, rotation, scaling, noise and occlusion, and how activations change as the input shifts.")
        {
            model, dataset, samples, output, threads, data,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(samples) < 0)
                throw new LeNetException($"--samples: must be 0 (all test images) or a positive count (got {parse.GetValue(samples)})");
            new Models.ComputeSettings(Models.ComputePath.Plain, parse.GetValue(threads)).ApplyToProcess();
            using var trained = SharedOptions.LoadModel(parse.GetValue(model));
            var info = DatasetInfo.FromName(parse.GetValue(dataset) ?? trained.Metadata.Dataset);
            using var split = new DatasetLoader(context.DataOptions(parse.GetValue(data))).Load(info);
            var count = parse.GetValue(samples) is > 0 and var n ? Math.Min(n, split.Test.Count) : split.Test.Count;
            using var pixels = split.Test.Images.narrow(0, 0, count);
            using var labels = split.Test.Labels.narrow(0, 0, count);

            var sweeps = Robustness.Sweep(trained, pixels, labels);
            using var shiftPixels = pixels.narrow(0, 0, Math.Min(count, 1000));
            var featureShift = Robustness.FeatureShift(trained, shiftPixels);

            var folder = parse.GetValue(output)!;
            AtomicFile.WriteText(Path.Combine(folder, "robustness.csv"), RobustnessPlots.AccuracyCsv(sweeps));
            AtomicFile.WriteText(Path.Combine(folder, "feature-shift.csv"), RobustnessPlots.FeatureShiftCsv(featureShift));
            RobustnessPlots.SaveAccuracy(Path.Combine(folder, "robustness.png"), sweeps, trained.Metadata.Architecture);
            RobustnessPlots.SaveFeatureShift(Path.Combine(folder, "feature-shift.png"), featureShift);

            var table = new Table().Border(TableBorder.Rounded).AddColumn("perturbation").AddColumn("accuracy by amount");
            foreach (var sweep in sweeps.GroupBy(p => p.Perturbation))
                table.AddRow(Markup.Escape(sweep.Key), Markup.Escape(string.Join("  ", sweep.Select(p => $"{p.Amount:0.##}:{p.Accuracy:P0}"))));
            context.Console.Write(table);
            context.Console.MarkupLineInterpolated($"{count:N0} test images. Wrote robustness.csv, robustness.png, feature-shift.csv and feature-shift.png in {folder}");
            return 0;
        });
        return command;
    }
}
