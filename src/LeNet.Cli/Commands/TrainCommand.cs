using System.CommandLine;
using LeNet.Cli.Rendering;
using LeNet.Data;
using LeNet.Models;
using LeNet.Training;
using Spectre.Console;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet train</c>: the flags of <see cref="TrainingFlags"/> make a <see cref="TrainingOptions"/>, which a <see cref="TrainingSession"/> runs.</summary>
internal static class TrainCommand
{
    /// <summary>Batches per epoch under <c>--dry-run</c>: enough to exercise every step, done in seconds.</summary>
    private const int DryRunBatches = 10;

    private static readonly string ResumeRuleText =
        $"What made the checkpoint's weights is kept from it; {string.Join(", ", ResumeRule.MayChange.Select(TrainingFlags.FlagOf))}, --out and logging may change.";

    public static Command Create(CliContext context)
    {
        var output = new Option<string?>("--out") { Description = "Run folder (default: runs/<dataset>-<arch>)." };
        var resume = new Option<bool>("--resume") { Description = $"Continue the run in --out from its checkpoint. {ResumeRuleText}" };
        var dryRun = new Option<bool>("--dry-run") { Description = $"One epoch of {DryRunBatches} batches: checks the whole pipeline in seconds." };
        var data = SharedOptions.Data();
        var fonts = SharedOptions.Fonts();
        var tensorboard = new Option<string?>("--tensorboard") { Description = "Also write TensorBoard logs (scalars, learning rate, weight histograms, sample images) to this folder." };
        var noReport = new Option<bool>("--no-report") { Description = "Skip report.html and the evaluation pictures at the end." };

        var command = new Command("train", "Train a network and save the model, metrics, curves and checkpoints.");
        foreach (var flag in TrainingFlags.All)
            command.Options.Add(flag.Option);
        foreach (var option in new Option[] { output, resume, dryRun, data, fonts, tensorboard, noReport })
            command.Options.Add(option);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = TrainingFlags.Options(parse);
            if (parse.GetValue(dryRun))
                options = options with { Epochs = 1, MaxBatchesPerEpoch = DryRunBatches };
            options = options.Validate();
            var folder = parse.GetValue(output) ?? Path.Combine("runs", $"{options.Dataset}-{options.Architecture}");
            var view = new TrainingView(context.Console);
            if (!parse.GetValue(resume) && ArchitectureDefaults.Describe(options.Architecture) is { } recipe)
                context.Console.MarkupLineInterpolated($"[grey]{recipe}[/]");
            var loader = new DatasetLoader(context.DataOptions(parse.GetValue(data), parse.GetValue(fonts)), view.Logger);
            ITrainingObserver observer = parse.GetValue(tensorboard) is { } logs
                ? new CompositeObserver(view, new Reporting.CurvesWriter(), new TensorBoardLog(logs))
                : new CompositeObserver(view, new Reporting.CurvesWriter());
            var session = new TrainingSession(loader, observer);
            var typed = TrainingFlags.Typed(parse);
            var result = await Task.Run(() => view.Show(() => session.Run(options, folder, parse.GetValue(resume), cancellationToken, typed)), CancellationToken.None);
            view.Finished(result);
            if (result.Completed && !parse.GetValue(noReport))
                view.Reported(WriteReport(result, loader));
            return result.Completed ? 0 : 130;
        });
        return command;
    }

    private static string WriteReport(TrainingResult result, DatasetLoader loader)
    {
        using var model = Models.ModelFile.Load(result.Folder.Model);
        var dataset = DatasetInfo.FromName(model.Metadata.Dataset);
        using var split = loader.Load(dataset);
        return Reporting.RunReport.Write(result.Folder, model, TestSetEvaluation.Run(model, dataset, split.Test), result.History);
    }
}
