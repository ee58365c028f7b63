using System.CommandLine;
using System.Text.Json;
using LeNet.Benchmarking;
using LeNet.Data;
using LeNet.IO;
using LeNet.Training;
using Spectre.Console;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet bench</c>: training and inference speed on this machine, as a table or one JSON object.</summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object (keys such as train_examples_per_second, time_to_99_seconds, infer_images_per_second_batch1000, latency_p50_ms_png, machine)." };
        var seeds = new Option<int>("--seeds") { Description = "Time-to-accuracy runs of the default recipe (seeds 1…N).", DefaultValueFactory = _ => 5 };
        var quick = new Option<bool>("--quick") { Description = "A few iterations of each measurement: checks the harness, the figures mean little." };
        var threads = SharedOptions.Threads();
        var data = SharedOptions.Data();
        var command = new Command("bench", "Measure training throughput, time to 99 % MNIST test accuracy, inference throughput and latency (run it on an idle machine).")
        {
            json, quick, seeds, threads, data,
        };
        command.SetAction(parse =>
        {
            var work = Directory.CreateTempSubdirectory("lenet-bench-");
            try
            {
                var loader = new DatasetLoader(context.DataOptions(parse.GetValue(data)));
                var report = new SpeedBenchmark(loader).Run(new SpeedBenchmarkOptions(parse.GetValue(quick), parse.GetValue(threads), work.FullName, Math.Max(1, parse.GetValue(seeds))));
                if (parse.GetValue(json))
                    context.Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(report, Json.Options));
                else
                    Write(context.Console, report);
                return 0;
            }
            finally
            {
                work.Delete(recursive: true);
            }
        });
        return command;
    }

    private static void Write(IAnsiConsole console, SpeedReport r)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("measurement")
            .AddColumn(new TableColumn("fast path (default)").RightAligned()).AddColumn(new TableColumn("plain path").RightAligned());
        table.AddRow($"training, batch {new TrainingOptions().BatchSize} (default), examples/s", $"{r.TrainExamplesPerSecond:N0}", $"{r.TrainExamplesPerSecondPlain:N0}");
        table.AddRow("training, fastest batch tried, examples/s", $"{r.TrainExamplesPerSecondBestBatch:N0} (batch {r.BestBatchSize})",
            $"{r.TrainExamplesPerSecondBestBatchPlain:N0} (batch {r.BestBatchSizePlain})");
        table.AddRow("  as a share of the sgemm limit", $"{r.TrainFractionOfSgemm:P0} of {r.SgemmGflops:N0} GFLOP/s",
            $"{r.TrainFractionOfSgemmPlain:P0}");
        table.AddRow("time to 99.0 % test accuracy, median of seeds (data load in, evaluation out)", Seconds(r.TimeTo99Seconds), Seconds(r.TimeTo99SecondsPlain));
        foreach (var run in r.TimeTo99BySeed)
        {
            table.AddRow($"  seed {run.Seed}", run.Seconds is { } s
                ? $"{s:F1} s ({run.Epochs} epochs; load {run.DataLoadSeconds:F1} s, evaluation {run.EvaluationSeconds:F1} s)"
                : $"not reached ({run.FinalAccuracy:P2})", "");
        }
        table.AddRow("inference, batch 1, images/s", $"{r.InferBatch1:N0}", $"{r.InferBatch1Plain:N0}");
        table.AddRow("inference, batch 64, images/s", $"{r.InferBatch64:N0}", $"{r.InferBatch64Plain:N0}");
        table.AddRow("inference, batch 1000, images/s", $"{r.InferBatch1000:N0}", $"{r.InferBatch1000Plain:N0}");
        table.AddRow("inference, batch 1000, ONNX Runtime, images/s", "", $"{r.InferBatch1000Onnx:N0}");
        table.AddRow("one digit from pixels, p50 / p99", $"{r.LatencyP50Pixels:F2} / {r.LatencyP99Pixels:F2} ms", "");
        table.AddRow("one digit from PNG bytes, p50 / p99", $"{r.LatencyP50Png:F2} / {r.LatencyP99Png:F2} ms", "");
        table.AddRow("peak memory", $"{r.PeakMemoryMiB:N0} MiB", "");
        console.Write(table);
        console.MarkupLineInterpolated($"{r.Machine.CpuModel}, {r.Machine.LogicalCores} logical cores, {r.Machine.TorchThreads} threads, TorchSharp {r.Machine.TorchSharpVersion}, {r.Machine.Runtime}");
    }

    private static string Seconds(double? seconds) => seconds is { } s ? $"{s:F1} s" : "not reached";
}
