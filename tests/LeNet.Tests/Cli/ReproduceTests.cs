using System.Globalization;
using LeNet.Data;
using LeNet.Tests.Support;
using LeNet.Training;
using SkiaSharp;

namespace LeNet.Tests.Cli;

public sealed class ReproduceTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Reproduce_trains_every_recipe_and_writes_the_table_beside_the_published_figures()
    {
        var (exitCode, output) = await CliRun.Invoke("reproduce", "--datasets", "mnist", "--epochs", "1", "--max-batches", "2", "--seeds", "2", "--out", _temp.Path);

        Assert.Equal(0, exitCode);
        var rows = File.ReadAllLines(_temp.File("reproduction.csv")).Skip(1).ToList();
        Assert.Equal(8, rows.Count);
        Assert.Contains(rows, r => r.StartsWith("\"paper-ecc with SDLM (paper's schedule)\",mnist,60000,", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.InRange(double.Parse(r.Split(',')[6], CultureInfo.InvariantCulture), 0, 1));
        var markdown = File.ReadAllText(_temp.File("reproduction.md"));
        Assert.Contains("0.95 % error (LeCun et al. 1998", markdown);
        Assert.Contains("a quick check, not a reproduction", markdown);
        Assert.Contains("minutes in all", markdown);
        using var chart = SKCodec.Create(_temp.File("reproduction.png"));
        Assert.Equal(1300, chart.Info.Width);
        Assert.True(Directory.Exists(_temp.File("mnist-lenet5-affine-distortions")));
        // The paper's own training runs every seed asked for and reports their mean beside each.
        var paper = rows.Single(r => r.StartsWith("\"paper-ecc with SDLM", StringComparison.Ordinal)).Split(',');
        Assert.Equal("2", paper[^2]);
        var errors = paper[^1].Split(' ').Select(e => double.Parse(e, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(errors.Average(), double.Parse(paper[7], CultureInfo.InvariantCulture), 9);
        Assert.True(Directory.Exists(_temp.File("mnist-paper-ecc-with-sdlm-paper-s-schedule-seed2")));
        Assert.Equal("1", rows.Single(r => r.StartsWith("\"lenet5 (default", StringComparison.Ordinal)).Split(',')[^2]);
        Assert.Contains("Wrote reproduction.md", output);
        // The paper's seeds train side by side, one per core; each is the run it would be alone.
        var alone = _temp.File("alone");
        Assert.Equal(0, (await CliRun.Invoke("train", "--arch", "paper-ecc", "--seed", "2", "--epochs", "1", "--max-batches", "2", "--no-report", "--out", alone)).ExitCode);
        Assert.Equal(File.ReadAllLines(Path.Combine(alone, "metrics.csv"))[1].Split(',')[1..8],
            File.ReadAllLines(Path.Combine(_temp.File("mnist-paper-ecc-with-sdlm-paper-s-schedule-seed2"), "metrics.csv"))[1].Split(',')[1..8]);
    }

    [Fact]
    public async Task The_paper_runs_every_seed_only_where_it_published_a_figure_to_compare_with()
    {
        var (exitCode, _) = await CliRun.Invoke("reproduce", "--datasets", "fashion-mnist", "--epochs", "1", "--max-batches", "2", "--seeds", "3", "--out", _temp.Path);

        Assert.Equal(0, exitCode);
        var rows = File.ReadAllLines(_temp.File("reproduction.csv")).Skip(1).ToList();
        Assert.All(rows, r => Assert.Equal("1", r.Split(',')[^2])); // Fashion-MNIST: no published paper figure, seed 1 only
        Assert.False(Directory.Exists(_temp.File("fashion-mnist-paper-ecc-with-sdlm-paper-s-schedule-seed2")));
    }

    [Fact]
    public void The_runs_of_both_datasets_form_one_queue_for_the_cores_longest_first_each_on_one_thread()
    {
        var plan = Reproduction.Plan(new ReproductionSettings(["mnist", "fashion-mnist"]));

        var queue = Reproduction.Queue(plan);

        // MNIST's five seeds of each paper recipe and Fashion-MNIST's one, then the other recipes' single runs: an odd
        // run out shares the cores with another recipe's run instead of leaving one idle.
        Assert.Equal(16, plan.Count);
        Assert.Equal(24, queue.Count);
        Assert.All(queue.Take(6), r => Assert.True(r.Recipe.Recipe.IsPapers && r.Recipe.Options.Augment == AugmentationKind.Affine));
        Assert.All(queue.Skip(6).Take(6), r => Assert.True(r.Recipe.Recipe.IsPapers && r.Recipe.Options.Augment == AugmentationKind.None));
        Assert.All(queue.Skip(12), r => Assert.Equal(10, r.Recipe.Options.Epochs));
        Assert.Contains(queue, r => r.Recipe.Dataset.Name == "fashion-mnist" && r.Seed == 1);
        Assert.All(queue, r => Assert.Equal(1, r.Recipe.Options.Threads));
    }

    [Fact]
    public void Free_cores_take_the_queue_in_order_so_the_long_runs_are_shared_out()
    {
        var started = new List<int>();

        Reproduction.InQueueOrder([0, 1, 2, 3], workers: 2, run =>
        {
            lock (started)
                started.Add(run);
            Thread.Sleep(200);
        });

        // The two longest runs start first, one per core; a list cut in halves would start runs 0 and 2.
        Assert.Equal([0, 1], started.Take(2).Order());
    }

    [Theory]
    [InlineData("--seeds", "0", "--seeds: must be 1 to 100")]
    [InlineData("--epochs", "0", "--epochs: must be at least 1")]
    [InlineData("--max-batches", "-3", "--max-batches: must be at least 1")]
    public async Task Bad_settings_are_refused_before_any_training(string flag, string value, string message)
    {
        var (exitCode, output) = await CliRun.Invoke("reproduce", "--datasets", "mnist", flag, value, "--out", _temp.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains(message, output);
        Assert.Empty(Directory.GetDirectories(_temp.Path));
    }

    [Fact]
    public async Task An_unknown_dataset_is_refused_before_any_training()
    {
        var (exitCode, output) = await CliRun.Invoke("reproduce", "--datasets", "mnist,cifar", "--out", _temp.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains("unknown dataset 'cifar'", output);
        Assert.Empty(Directory.GetDirectories(_temp.Path));
    }
}
