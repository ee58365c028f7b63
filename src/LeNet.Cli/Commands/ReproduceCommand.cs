using System.CommandLine;
using LeNet.Cli.Rendering;
using LeNet.Data;
using LeNet.Training;
using Spectre.Console;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet reproduce</c>: every architecture on every dataset, measured beside the published figures.</summary>
internal static class ReproduceCommand
{
    public static Command Create(CliContext context)
    {
        var datasets = new Option<string>("--datasets") { Description = "Comma-separated datasets.", DefaultValueFactory = _ => "mnist,fashion-mnist" };
        var epochs = new Option<int?>("--epochs") { Description = $"Epochs of every run (default: the paper's 20 passes for its own training, {Reproduction.DefaultEpochs} for the rest)." };
        var seeds = new Option<int>("--seeds") { Description = "Seeds of the paper's own training (SDLM rows) on MNIST, where the paper published its figures, reported as their mean and each; every other run is seed 1.", DefaultValueFactory = _ => 5 };
        var maxBatches = new Option<int?>("--max-batches") { Description = "Batches per epoch (a quick check of the pipeline; the figures then mean little)." };
        var output = new Option<string>("--out") { Description = "Folder for the runs, reproduction.md, .csv and .png.", DefaultValueFactory = _ => Path.Combine("runs", "reproduction") };
        var data = SharedOptions.Data();
        var command = new Command("reproduce", "Train every architecture on each dataset and compare the test errors with the published ones.")
        {
            datasets, epochs, seeds, maxBatches, output, data,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var names = parse.GetValue(datasets)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var name in names)
                DatasetInfo.FromName(name);
            if (parse.GetValue(epochs) is < 1)
                throw new LeNetException($"--epochs: must be at least 1 (got {parse.GetValue(epochs)})");
            if (parse.GetValue(seeds) is < 1 or > 100)
                throw new LeNetException($"--seeds: must be 1 to 100 (got {parse.GetValue(seeds)})");
            if (parse.GetValue(maxBatches) is < 1)
                throw new LeNetException($"--max-batches: must be at least 1 (got {parse.GetValue(maxBatches)})");
            var view = new TrainingView(context.Console);
            var reproduction = new Reproduction(new DatasetLoader(context.DataOptions(parse.GetValue(data)), view.Logger), new CompositeObserver(new EpochLines(context.Console), new Reporting.CurvesWriter()));
            var folder = parse.GetValue(output)!;
            var settings = new ReproductionSettings(names, parse.GetValue(epochs), parse.GetValue(maxBatches), parse.GetValue(seeds));
            var results = reproduction.Run(settings, folder, cancellationToken);
            Reporting.ReproductionChart.Save(Path.Combine(folder, "reproduction.png"), results);

            var table = new Table().Border(TableBorder.Rounded).AddColumn("model").AddColumn("dataset").AddColumn(new TableColumn("params").RightAligned())
                .AddColumn(new TableColumn("time").RightAligned()).AddColumn(new TableColumn("test error").RightAligned()).AddColumn("published");
            foreach (var r in results)
                table.AddRow(Markup.Escape(r.Name), r.Dataset, $"{r.Parameters:N0}", $"{r.WallSeconds:F0} s",
                    r.TestErrors.Count > 1 ? $"{r.TestError:P2} (mean of {r.TestErrors.Count})" : $"{r.TestError:P2}", Markup.Escape(r.Published));
            context.Console.Write(table);
            context.Console.MarkupLineInterpolated($"Wrote reproduction.md, reproduction.csv and reproduction.png in {folder}");
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>
    /// One line per finished epoch: enough to follow a long reproduction. Runs side by side each report on their own
    /// thread, so the run a line belongs to is kept per thread.
    /// </summary>
    private sealed class EpochLines(IAnsiConsole console) : ITrainingObserver
    {
        private readonly ThreadLocal<string> _run = new(() => "");

        public void RunStarting(RunStart start) => _run.Value =
            $"{start.Options.Architecture}{(start.Options.Augment == AugmentationKind.None ? "" : "+" + start.Options.Augment.ToString().ToLowerInvariant())} on {start.Options.Dataset} (seed {start.Options.Seed})";

        public void EpochCompleted(EpochMetrics m) =>
            console.MarkupLineInterpolated($"{_run.Value}: epoch {m.Epoch}  test acc {m.TestAccuracy:P2}  {m.Seconds:F1} s");
    }
}
