using System.Globalization;
using LeNet.Training;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace LeNet.Cli.Rendering;

/// <summary>
/// Shows a training run: the model summary first (the Keras habit), a progress bar with ETA, loss and running
/// accuracy per epoch, one line per finished epoch, and where the files went.
/// </summary>
internal sealed class TrainingView(IAnsiConsole console) : ITrainingObserver
{
    private ProgressContext? _progress;
    private ProgressTask? _epochTask;
    private int _epochs;

    /// <summary>Logs from the library (dataset downloads and the like), written as dim lines.</summary>
    public ILogger Logger { get; } = new ConsoleLogger(console);

    /// <summary>Runs <paramref name="run"/> under a live progress display when the console is interactive.</summary>
    public TrainingResult Show(Func<TrainingResult> run)
    {
        if (!console.Profile.Capabilities.Interactive)
            return run();
        return console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                _progress = context;
                return run();
            });
    }

    public void RunStarting(RunStart start)
    {
        _epochs = start.Options.Epochs;
        SummaryTable.Write(console, start.Summary, Models.Architecture.FromName(start.Options.Architecture).Description);
        var o = start.Options;
        console.MarkupLineInterpolated($"Data: {start.DataOrigin} — {start.TrainingExamples:N0} train / {start.ValidationExamples:N0} validation / {start.TestExamples:N0} test");
        var damping = o.Optimizer != OptimizerKind.Sdlm ? ""
            : (o.WarmupPasses == 0 ? $" μ {o.Damping},"
                : o.DampingDecay ? $" μ {o.WarmupDamping} falling to {o.Damping} over {o.WarmupPasses} passes,"
                : $" μ {o.WarmupDamping} for {o.WarmupPasses} passes then {o.Damping},")
              + $" {o.Curvature.ToString().ToLowerInvariant()} curvature,";
        console.MarkupLineInterpolated($"Training: {o.Optimizer} lr {o.LearningRate}{damping} schedule {o.Schedule}, batch {o.BatchSize}, {o.Epochs} epochs, seed {o.Seed}, {start.Threads} threads on {o.Device}, {o.Compute.ToString().ToLowerInvariant()} path");
        if (start.Resumed is { } resumed)
            WriteResumption(resumed, start.FirstEpoch);
    }

    /// <summary>The resume rule at work: what the run took from the command line, what it kept from the checkpoint.</summary>
    private void WriteResumption(Resumption resumed, int firstEpoch)
    {
        console.MarkupLineInterpolated($"[yellow]Resuming at epoch {firstEpoch}[/]: the checkpoint's settings are kept; {string.Join(", ", ResumeRule.MayChange.Select(Commands.TrainingFlags.FlagOf))} may change.");
        foreach (var change in resumed.Changed)
            console.MarkupLineInterpolated($"  changed: {Commands.TrainingFlags.FlagOf(change.Option)} {Value(change.Checkpoint)} → {Value(change.Requested)}");
        foreach (var ignored in resumed.Ignored)
            console.MarkupLineInterpolated($"  [yellow]ignored:[/] {Commands.TrainingFlags.FlagOf(ignored.Option)} {Value(ignored.Requested)} — the run keeps {Value(ignored.Checkpoint)} (start a new run in another --out to change it)");
    }

    private static string Value(object? value) => value switch
    {
        null => "none",
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture).ToLowerInvariant(),
        _ => value.ToString()!.ToLowerInvariant(),
    };

    public void EpochStarting(int epoch, int batches)
    {
        _epochTask = _progress?.AddTask($"epoch {epoch}/{_epochs}", maxValue: batches);
    }

    public void BatchCompleted(int epoch, int batch, double runningLoss, double runningAccuracy)
    {
        if (_epochTask is null)
            return;
        _epochTask.Value = batch;
        _epochTask.Description = $"epoch {epoch}/{_epochs} loss {runningLoss:F4} acc {runningAccuracy:P2}";
    }

    public void EpochCompleted(EpochMetrics m)
    {
        _epochTask?.StopTask();
        console.MarkupLineInterpolated(
            $"epoch {m.Epoch,2}/{_epochs}  train loss {m.TrainLoss:F4} acc {m.TrainAccuracy:P2}  val acc {(double.IsNaN(m.ValidationAccuracy) ? "–" : m.ValidationAccuracy.ToString("P2", CultureInfo.CurrentCulture))}  [bold]test acc {m.TestAccuracy:P2}[/]  {m.Seconds:F1} s  {m.ExamplesPerSecond:N0} ex/s  lr {m.LearningRate:G3}");
    }

    public void Finished(TrainingResult result)
    {
        var folder = result.Folder;
        if (!result.Completed)
        {
            console.MarkupLineInterpolated($"[yellow]Interrupted.[/] Checkpoint saved to {folder.Checkpoint}; continue with: lenet train --out {folder.Path} --resume");
            return;
        }
        if (result.Final is { } final)
            console.MarkupLineInterpolated($"[green]Done.[/] Test accuracy {final.TestAccuracy:P2} (error {1 - final.TestAccuracy:P2}) after {result.History.Count} epochs; {result.TrainingSeconds:F1} s of training in this session.");
        console.MarkupLineInterpolated($"Model: {folder.Model}");
        console.MarkupLineInterpolated($"Metrics: {folder.MetricsCsv}, {folder.MetricsJson}; curves: {folder.Curves}");
    }

    public void Reported(string report) => console.MarkupLineInterpolated($"Report: {report} (with confusion.png, misclassified.png, reliability.png)");
}
