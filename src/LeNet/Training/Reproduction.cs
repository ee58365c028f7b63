using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using LeNet.Data;
using LeNet.IO;
using LeNet.Models;

namespace LeNet.Training;

/// <summary>One model of the reproduction: a recipe and what the literature reports for it.</summary>
/// <param name="Name">Row label.</param>
/// <param name="Recipe">Training settings (dataset, epochs and seed are set per run).</param>
/// <param name="Published">Published figure(s), as text, per dataset name.</param>
/// <param name="IsPapers">The paper's own training: its 20 passes unless --epochs is given, and every seed asked for where it published a figure.</param>
public sealed record ReproductionRecipe(string Name, TrainingOptions Recipe, IReadOnlyDictionary<string, string> Published, bool IsPapers = false);

/// <summary>What the runs of one recipe on one dataset measured (one run per seed).</summary>
/// <param name="WallSeconds">All its runs together.</param>
/// <param name="TestErrors">Test error of each seed's run, seeds 1, 2, … in order.</param>
public sealed record ReproductionResult(string Name, string Dataset, long Parameters, long MultiplyAccumulates, int Epochs,
    double WallSeconds, IReadOnlyList<double> TestErrors, string Published)
{
    /// <summary>Mean test error over the seeds, as a fraction.</summary>
    public double TestError => TestErrors.Average();

    /// <summary>Mean test accuracy over the seeds.</summary>
    public double TestAccuracy => 1 - TestError;
}

/// <summary>What <c>lenet reproduce</c> runs.</summary>
/// <param name="Datasets">Dataset names.</param>
/// <param name="Epochs">Epochs of every run; null: the paper's 20 passes for its own training, <see cref="Reproduction.DefaultEpochs"/> for the rest.</param>
/// <param name="MaxBatches">Batches per epoch (a quick check of the pipeline), or null for whole epochs.</param>
/// <param name="PaperSeeds">
/// Seeds (1, 2, …) of the paper's own training on a dataset the paper published a figure for (MNIST), so the mean can
/// be set beside it; every other run, Fashion-MNIST's paper rows among them, is seed 1.
/// </param>
public sealed record ReproductionSettings(IReadOnlyList<string> Datasets, int? Epochs = null, int? MaxBatches = null, int PaperSeeds = 5);

/// <summary>
/// <c>lenet reproduce</c>: trains every architecture on each dataset with its recipe and sets the measured test errors
/// beside the published ones, as Markdown and CSV (LeNet.Reporting draws the bar chart).
/// </summary>
public sealed class Reproduction(DatasetLoader loader, ITrainingObserver observer)
{
    /// <summary>
    /// The paper's training: stochastic diagonal Levenberg–Marquardt, one example per step, with the paper's per-pass
    /// rates from η = 0.0005, on all 60,000 training digits. The first two passes use μ = 1: from the paper's initial
    /// weights the curvature estimates are 10⁻⁵–10⁻³ and with μ = 0.02 the first pass diverges. After them μ = 0.1
    /// rather than the paper's 0.02: beside this project's sampled curvature estimate it gave lower validation error
    /// on all five seeds tried (README, "Reproduction"). One thread: a single example is too little work to share
    /// between cores.
    /// </summary>
    public static TrainingOptions PaperTraining { get; } = new()
    {
        Architecture = "paper",
        Optimizer = OptimizerKind.Sdlm,
        LearningRate = 0.0005,
        Damping = 0.1,
        WarmupDamping = 1,
        WarmupPasses = 2,
        Schedule = ScheduleKind.Paper,
        BatchSize = 1,
        ValidationCount = 0,
        Threads = 1,
    };

    /// <summary>
    /// The paper's network as its own training's rows train it: with an error-correcting output code in place of the
    /// digit bitmaps (<c>paper-ecc</c>), the alternative the paper names for isolated digits; on five validation seeds
    /// it read 0.08 points fewer digits wrong on average (README, "Reproduction").
    /// </summary>
    public static TrainingOptions PaperTrainingWithCode { get; } = PaperTraining with { Architecture = "paper-ecc" };

    /// <summary>The recipes: the paper's network with its own training and with Adam as a substitute, then the rest.</summary>
    public static IReadOnlyList<ReproductionRecipe> Recipes { get; } =
    [
        new("paper-ecc with SDLM (paper's schedule)", PaperTrainingWithCode,
            new Dictionary<string, string> { ["mnist"] = "0.95 % error (LeCun et al. 1998, SDLM, 20 passes)" }, IsPapers: true),
        // Distorted examples make every step noisier: μ stays at 1 until η has fallen to 0.0001 (five passes), then 0.1
        // as without distortions (lower validation error than the paper's 0.02 on three seeds of five, and on average).
        new("paper-ecc + affine distortions (SDLM)", PaperTrainingWithCode with { Augment = AugmentationKind.Affine, WarmupPasses = 5 },
            new Dictionary<string, string> { ["mnist"] = "0.8 % error (LeCun et al. 1998, with distortions)" }, IsPapers: true),
        new("paper with Adam (substitute)", new TrainingOptions { Architecture = "paper", LearningRate = 0.001, Schedule = ScheduleKind.Step },
            new Dictionary<string, string>()),
        new("classic (d2l recipe)", new TrainingOptions { Architecture = "classic", Optimizer = OptimizerKind.Sgd, LearningRate = 0.9, Momentum = 0, BatchSize = 256, Schedule = ScheduleKind.None },
            new Dictionary<string, string> { ["fashion-mnist"] = "76.1 % accuracy (Dive into Deep Learning, sigmoid LeNet, 10 epochs)" }),
        new("tutorial (blog recipe)", new TrainingOptions { Architecture = "tutorial", LearningRate = 0.001, BatchSize = 64, Schedule = ScheduleKind.None },
            new Dictionary<string, string> { ["mnist"] = "98.26 % after 10 epochs, ~98 % after 2, 97.28 % after 5 (PyTorch blog tutorials)" }),
        new("keras (blog recipe)", new TrainingOptions { Architecture = "keras", LearningRate = 0.001, Schedule = ScheduleKind.None }, new Dictionary<string, string>()),
        new("lenet5 (default recipe)", new TrainingOptions(), new Dictionary<string, string>()),
        new("lenet5 + affine distortions", new TrainingOptions { Augment = AugmentationKind.Affine }, new Dictionary<string, string>()),
    ];

    /// <summary>Epochs of every run but the paper's own training when <see cref="ReproductionSettings.Epochs"/> is not given.</summary>
    public const int DefaultEpochs = 10;

    /// <summary>One recipe on one dataset, as the reproduction will train it.</summary>
    /// <param name="Options">The recipe with its dataset, epochs and batch limit set (the seed is set per run).</param>
    /// <param name="Folder">Name of its runs' folder (with <c>-seedN</c> when it has several seeds).</param>
    /// <param name="Seeds">Seeds 1 … Seeds are trained.</param>
    public sealed record PlannedRecipe(ReproductionRecipe Recipe, DatasetInfo Dataset, TrainingOptions Options, string Folder, int Seeds)
    {
        /// <summary>The folder of seed <paramref name="seed"/>'s run.</summary>
        public string RunFolder(int seed) => Seeds > 1 ? $"{Folder}-seed{seed}" : Folder;
    }

    /// <summary>Every recipe on every dataset of <paramref name="settings"/>, in table order.</summary>
    public static IReadOnlyList<PlannedRecipe> Plan(ReproductionSettings settings) =>
    [
        .. from dataset in settings.Datasets.Select(DatasetInfo.FromName)
           from recipe in Recipes
           let epochs = settings.Epochs ?? (recipe.IsPapers ? ArchitectureDefaults.PaperPasses : DefaultEpochs)
           let seeds = recipe.IsPapers && recipe.Published.ContainsKey(dataset.Name) ? settings.PaperSeeds : 1
           select new PlannedRecipe(recipe, dataset, recipe.Recipe with { Dataset = dataset.Name, Epochs = epochs, MaxBatchesPerEpoch = settings.MaxBatches, Threads = 1 },
               $"{dataset.Name}-{Slug(recipe.Name)}", seeds),
    ];

    /// <summary>
    /// The runs of every recipe and dataset as one queue, longest first (distorted runs draw a distortion per step),
    /// for the cores to take from, each run on one thread: the paper's single example per step is too little work to
    /// share between cores, and the other networks are small enough that one thread each, two side by side, trains
    /// them sooner than both threads for one (keras on MNIST: 3.7 s an epoch on one thread, 7.1 s on two, on a day this
    /// machine ran slowly). A recipe's last odd seed then shares the machine with another run instead of leaving a core idle.
    /// </summary>
    public static IReadOnlyList<(PlannedRecipe Recipe, int Seed)> Queue(IReadOnlyList<PlannedRecipe> plan) =>
    [
        .. plan
            .SelectMany(p => Enumerable.Range(1, p.Seeds).Select(seed => (Recipe: p, Seed: seed)))
            .OrderByDescending(r => r.Recipe.Options.Epochs * (r.Recipe.Options.Augment == AugmentationKind.None ? 1.0 : 1.5)),
    ];

    /// <summary>Trains every recipe on every dataset into sub-folders of <paramref name="folder"/> and writes the tables.</summary>
    public IReadOnlyList<ReproductionResult> Run(ReproductionSettings settings, string folder, CancellationToken cancellationToken = default)
    {
        var plan = Plan(settings);
        var clock = Stopwatch.StartNew();
        var runs = plan.ToDictionary(p => p, p => new (double Error, double Start, double End)[p.Seeds]);
        var queue = Queue(plan);
        foreach (var dataset in queue.Select(r => r.Recipe.Dataset).Distinct())
            loader.Load(dataset, cancellationToken).Dispose(); // filled once, before runs that would each fill the cache
        try
        {
            InQueueOrder(queue, Environment.ProcessorCount, run => runs[run.Recipe][run.Seed - 1] = Train(run.Recipe, run.Seed, folder, clock, cancellationToken),
                cancellationToken);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]); // what the run said, not a wrapper
        }
        var results = plan.Select(p => Result(p, runs[p])).ToList();
        AtomicFile.WriteText(Path.Combine(folder, "reproduction.csv"), Csv(results));
        AtomicFile.WriteText(Path.Combine(folder, "reproduction.md"), Markdown(results, settings, clock.Elapsed));
        return results;
    }

    /// <summary>
    /// Runs <paramref name="action"/> on every item with up to <paramref name="workers"/> at once, each worker taking
    /// the next item of the queue when it is free (not a fixed share of the list cut in advance, which would give one
    /// core all the long runs).
    /// </summary>
    internal static void InQueueOrder<T>(IReadOnlyList<T> queue, int workers, Action<T> action, CancellationToken cancellationToken = default)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(workers, 1, Math.Max(1, queue.Count)), CancellationToken = cancellationToken };
        Parallel.ForEach(Partitioner.Create(queue, EnumerablePartitionerOptions.NoBuffering), options, action);
    }

    /// <summary>Trains one seed of a recipe; its test error, and when it started and ended on <paramref name="clock"/>.</summary>
    private (double Error, double Start, double End) Train(PlannedRecipe recipe, int seed, string folder, Stopwatch clock, CancellationToken cancellationToken)
    {
        var start = clock.Elapsed.TotalSeconds;
        var run = new TrainingSession(loader, observer).Run(recipe.Options with { Seed = seed }, Path.Combine(folder, recipe.RunFolder(seed)), resume: false, cancellationToken);
        var error = run.Completed && run.Final is { } final ? 1 - final.TestAccuracy : throw new OperationCanceledException();
        return (error, start, clock.Elapsed.TotalSeconds);
    }

    /// <summary>A recipe's row: its wall time is from its first run's start to its last run's end.</summary>
    private static ReproductionResult Result(PlannedRecipe recipe, (double Error, double Start, double End)[] runs)
    {
        using var network = Architecture.FromName(recipe.Options.Architecture).Create();
        var summary = ModelSummary.Of(recipe.Options.Architecture, network);
        return new ReproductionResult(recipe.Recipe.Name, recipe.Dataset.Name, summary.TrainableParameters, summary.MultiplyAccumulates, recipe.Options.Epochs,
            runs.Max(r => r.End) - runs.Min(r => r.Start), [.. runs.Select(r => r.Error)], recipe.Recipe.Published.GetValueOrDefault(recipe.Dataset.Name, ""));
    }

    /// <summary>A folder name: lower-case letters and digits joined by single hyphens.</summary>
    private static string Slug(string name) =>
        string.Join('-', System.Text.RegularExpressions.Regex.Split(name.ToLowerInvariant(), "[^a-z0-9]+").Where(w => w.Length > 0));

    private static string Csv(IEnumerable<ReproductionResult> results)
    {
        var text = new StringBuilder("model,dataset,parameters,multiply_accumulates,epochs,wall_seconds,test_accuracy,test_error,published,seeds,test_errors\n");
        foreach (var r in results)
            text.Append(CultureInfo.InvariantCulture, $"\"{r.Name}\",{r.Dataset},{r.Parameters},{r.MultiplyAccumulates},{r.Epochs},{r.WallSeconds:F1},{r.TestAccuracy},{r.TestError},\"{r.Published}\",{r.TestErrors.Count},{string.Join(' ', r.TestErrors)}\n");
        return text.ToString();
    }

    private static string Markdown(IEnumerable<ReproductionResult> results, ReproductionSettings settings, TimeSpan wall)
    {
        var epochs = settings.Epochs is { } e ? $"{e} epochs per run" : $"the paper's 20 passes for its own training, {DefaultEpochs} epochs for the rest";
        var text = new StringBuilder($"# Reproduction\n\n{epochs}{(settings.MaxBatches is { } b ? $", {b} batches per epoch (a quick check, not a reproduction)" : "")}; " +
            $"seed 1, and seeds 1–{settings.PaperSeeds} for the paper's own training where the paper published a figure (mean, and each seed); on this machine, " +
            $"{wall.TotalMinutes:F1} minutes in all. Every run keeps to one thread and the cores take them side by side, so wall times overlap.\n\n");
        text.Append("| model | dataset | parameters | mult-adds | epochs | wall time | test error | seeds | published |\n|---|---|---:|---:|---:|---:|---:|---|---|\n");
        foreach (var r in results)
        {
            var seeds = r.TestErrors.Count > 1 ? string.Join(", ", r.TestErrors.Select(x => x.ToString("P2", CultureInfo.InvariantCulture))) : "";
            text.Append(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Dataset} | {r.Parameters:N0} | {r.MultiplyAccumulates:N0} | {r.Epochs} | {r.WallSeconds:F0} s | {r.TestError:P2} | {seeds} | {r.Published} |\n");
        }
        return text.ToString();
    }
}
