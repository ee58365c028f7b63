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
public sealed record ReproductionRecipe(string Name, TrainingOptions Recipe, IReadOnlyDictionary<string, string> Published);

/// <summary>What one run of the reproduction measured.</summary>
public sealed record ReproductionResult(string Name, string Dataset, long Parameters, long MultiplyAccumulates, int Epochs,
    double WallSeconds, double TestAccuracy, string Published)
{
    /// <summary>Test error, as a fraction.</summary>
    public double TestError => 1 - TestAccuracy;
}

/// <summary>
/// <c>lenet reproduce</c>: trains every architecture on each dataset with its recipe and sets the measured test errors
/// beside the published ones, as Markdown and CSV (LeNet.Reporting draws the bar chart).
/// </summary>
public sealed class Reproduction(DatasetLoader loader, ITrainingObserver observer)
{
    /// <summary>
    /// The paper's training: stochastic diagonal Levenberg–Marquardt, one example per step, with the paper's per-pass
    /// rates from η = 0.0005 and μ = 0.02, on all 60,000 training digits. The first two passes use μ = 1: from the
    /// paper's initial weights the curvature estimates are 10⁻⁵–10⁻³ and with μ = 0.02 the first pass diverges
    /// (README, "Reproduction"). One thread: a single example is too little work to share between cores.
    /// </summary>
    public static TrainingOptions PaperTraining { get; } = new()
    {
        Architecture = "paper",
        Optimizer = OptimizerKind.Sdlm,
        LearningRate = 0.0005,
        Damping = DiagonalLevenbergMarquardt.PaperDamping,
        WarmupDamping = 1,
        WarmupPasses = 2,
        Schedule = ScheduleKind.Paper,
        BatchSize = 1,
        ValidationCount = 0,
        Threads = 1,
    };

    /// <summary>The recipes: the paper's network with its own training and with Adam as a substitute, then the rest.</summary>
    public static IReadOnlyList<ReproductionRecipe> Recipes { get; } =
    [
        new("paper with SDLM (paper's schedule)", PaperTraining,
            new Dictionary<string, string> { ["mnist"] = "0.95 % error (LeCun et al. 1998, SDLM, 20 passes)" }),
        // Distorted examples make every step noisier: μ stays at 1 until η has fallen to 0.0001 (five passes).
        new("paper + affine distortions (SDLM)", PaperTraining with { Augment = AugmentationKind.Affine, WarmupPasses = 5 },
            new Dictionary<string, string> { ["mnist"] = "0.8 % error (LeCun et al. 1998, with distortions)" }),
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

    /// <summary>Trains every recipe on every dataset into sub-folders of <paramref name="folder"/> and writes the tables.</summary>
    public IReadOnlyList<ReproductionResult> Run(IReadOnlyList<string> datasets, int epochs, int? maxBatches, string folder, CancellationToken cancellationToken = default)
    {
        var results = new List<ReproductionResult>();
        foreach (var dataset in datasets.Select(DatasetInfo.FromName))
        {
            foreach (var recipe in Recipes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var options = recipe.Recipe with { Dataset = dataset.Name, Epochs = epochs, MaxBatchesPerEpoch = maxBatches };
                var clock = Stopwatch.StartNew();
                var run = new TrainingSession(loader, observer).Run(options, Path.Combine(folder, $"{dataset.Name}-{Slug(recipe.Name)}"), resume: false, cancellationToken);
                if (!run.Completed || run.Final is not { } final)
                    throw new OperationCanceledException();
                using var network = Architecture.FromName(options.Architecture).Create();
                var summary = ModelSummary.Of(options.Architecture, network);
                results.Add(new ReproductionResult(recipe.Name, dataset.Name, summary.TrainableParameters, summary.MultiplyAccumulates, epochs,
                    clock.Elapsed.TotalSeconds, final.TestAccuracy, recipe.Published.GetValueOrDefault(dataset.Name, "")));
            }
        }
        AtomicFile.WriteText(Path.Combine(folder, "reproduction.csv"), Csv(results));
        AtomicFile.WriteText(Path.Combine(folder, "reproduction.md"), Markdown(results, epochs, maxBatches));
        return results;
    }

    /// <summary>A folder name: lower-case letters and digits joined by single hyphens.</summary>
    private static string Slug(string name) =>
        string.Join('-', System.Text.RegularExpressions.Regex.Split(name.ToLowerInvariant(), "[^a-z0-9]+").Where(w => w.Length > 0));

    private static string Csv(IEnumerable<ReproductionResult> results)
    {
        var text = new StringBuilder("model,dataset,parameters,multiply_accumulates,epochs,wall_seconds,test_accuracy,test_error,published\n");
        foreach (var r in results)
            text.Append(CultureInfo.InvariantCulture, $"\"{r.Name}\",{r.Dataset},{r.Parameters},{r.MultiplyAccumulates},{r.Epochs},{r.WallSeconds:F1},{r.TestAccuracy},{r.TestError},\"{r.Published}\"\n");
        return text.ToString();
    }

    private static string Markdown(IEnumerable<ReproductionResult> results, int epochs, int? maxBatches)
    {
        var text = new StringBuilder($"# Reproduction\n\n{epochs} epochs per run{(maxBatches is { } b ? $", {b} batches per epoch (a quick check, not a reproduction)" : "")}, seed 1, on this machine.\n\n");
        text.Append("| model | dataset | parameters | mult-adds | epochs | wall time | test error | published |\n|---|---|---:|---:|---:|---:|---:|---|\n");
        foreach (var r in results)
            text.Append(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Dataset} | {r.Parameters:N0} | {r.MultiplyAccumulates:N0} | {r.Epochs} | {r.WallSeconds:F0} s | {r.TestError:P2} | {r.Published} |\n");
        return text.ToString();
    }
}
