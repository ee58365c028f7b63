using LeNet.Models;
using LeNet.Tests.Support;
using LeNet.Training;

namespace LeNet.Tests.Reliability;

/// <summary>Real training processes interrupted the hard ways: Ctrl+C, kill -9, a full disk, a busy or impossible folder.</summary>
public sealed class InterruptionTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Metrics(string folder) => string.Join('\n', File.ReadAllLines(Path.Combine(folder, "metrics.csv"))
        .Select(line => string.Join(',', line.Split(',').Take(8)))); // everything but timing

    [Fact]
    public void Ctrl_C_mid_epoch_saves_a_checkpoint_and_resume_ends_like_an_uninterrupted_run()
    {
        // Eight short epochs: the interruption is sent when the first has ended, and the run has seven more in which
        // to receive it while other tests keep the machine busy (with three, a run once finished before it arrived).
        string[] recipe = ["train", "--epochs", "8", "--max-batches", "150", "--no-report", "--seed", "5"];
        var whole = _temp.File("whole");
        var interrupted = _temp.File("interrupted");
        using (var run = ChildProcess.StartLenet([.. recipe, "--out", whole]))
            Assert.Equal(0, run.WaitForExit(Patience));

        using (var run = ChildProcess.StartLenet([.. recipe, "--out", interrupted]))
        {
            ChildProcess.WaitUntil(() => File.Exists(Path.Combine(interrupted, "metrics.csv")), Patience, "the first epoch");
            run.Signal("INT"); // during the second epoch, or a later one on a busy machine
            Assert.Equal(130, run.WaitForExit(Patience));
            Assert.Contains("Checkpoint saved", run.Output);
        }
        var checkpoint = Checkpoint.Load(Path.Combine(interrupted, "checkpoint.lenet"));
        Assert.InRange(checkpoint.Progress.Epoch, 2, 8);
        Assert.False(File.Exists(Path.Combine(interrupted, "model.lenet")));

        using (var run = ChildProcess.StartLenet("train", "--resume", "--no-report", "--out", interrupted))
            Assert.Equal(0, run.WaitForExit(Patience));

        Assert.Equal(Metrics(whole), Metrics(interrupted));
    }

    [Fact]
    public void Kill_9_at_any_moment_never_leaves_a_damaged_checkpoint_or_metrics_file()
    {
        var folder = _temp.File("killed");
        var random = new Random(3);
        for (var round = 0; round < 4; round++)
        {
            using var run = ChildProcess.StartLenet("train", "--epochs", "500", "--max-batches", "1", "--val-split", "500", "--no-report", "--out", folder);
            ChildProcess.WaitUntil(() => File.Exists(Path.Combine(folder, "checkpoint.lenet")) || run.HasExited, Patience, "a checkpoint");
            Thread.Sleep(random.Next(50, 1500)); // somewhere among the per-epoch writes
            run.Signal("KILL");
            run.WaitForExit(Patience);

            Checkpoint.Load(Path.Combine(folder, "checkpoint.lenet")); // throws if damaged
            System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "metrics.json")));
        }
    }

    [Fact]
    public void A_full_disk_is_a_clear_error_and_the_previous_model_survives()
    {
        var disk = Directory.CreateDirectory(_temp.File("tiny-disk")).FullName;
        var mount = System.Diagnostics.Process.Start("mount", ["-t", "tmpfs", "-o", "size=1000k", "tmpfs", disk])!;
        mount.WaitForExit();
        Assert.True(mount.ExitCode == 0, "mounting a 1,000 KB tmpfs needs root (CI and the development machines run as root)");
        try
        {
            var previous = Path.Combine(disk, "model.lenet");
            File.Copy(Path.Combine(Samples.RepositoryRoot(), "models", "digits.lenet"), previous);

            using var run = ChildProcess.StartLenet("train", "--epochs", "1", "--max-batches", "5", "--no-report", "--out", disk);
            var exitCode = run.WaitForExit(Patience);

            Assert.Equal(1, exitCode);
            Assert.Contains("cannot be written", run.Output);
            Assert.Contains("previous version is unchanged", run.Output);
            Assert.DoesNotContain("   at ", run.Output);
            using var survivor = ModelFile.Load(previous);
            Assert.Equal("lenet5", survivor.Metadata.Architecture);
        }
        finally
        {
            System.Diagnostics.Process.Start("umount", [disk])!.WaitForExit();
        }
    }

    [Fact]
    public void A_second_run_into_a_busy_folder_is_refused_and_the_first_carries_on()
    {
        var folder = _temp.File("busy");
        using var first = ChildProcess.StartLenet("train", "--epochs", "500", "--max-batches", "1", "--val-split", "500", "--no-report", "--out", folder);
        ChildProcess.WaitUntil(() => File.Exists(Path.Combine(folder, "checkpoint.lenet")), Patience, "the first run");

        using var second = ChildProcess.StartLenet("train", "--epochs", "1", "--out", folder);

        Assert.Equal(1, second.WaitForExit(Patience));
        Assert.Contains("another training run is using this output folder", second.Output);
        Assert.False(first.HasExited);
    }

    [Fact]
    public void An_impossible_output_folder_is_a_one_line_error()
    {
        File.WriteAllText(_temp.File("a-file"), "not a folder");

        using var run = ChildProcess.StartLenet("train", "--dry-run", "--out", _temp.File("a-file/run"));

        Assert.Equal(1, run.WaitForExit(Patience));
        Assert.Contains("cannot be used as the output folder", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }
}
