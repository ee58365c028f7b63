using System.CommandLine;
using System.Text.Json;
using LeNet.Benchmarking;
using LeNet.Data;
using LeNet.IO;
using Spectre.Console;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet bench</c>: training and inference speed on this machine, as a table or one JSON object.</summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object (keys such as train_examples_per_second, time_to_99_seconds, infer_images_per_second_batch1000, latency_p50_ms_png, machine)." };
        var quick = new Option<bool>("--quick") { Description = "A few iterations of each measurement: checks the harness, the figures mean little." };
        var threads = SharedOptions.Threads();
        var data = SharedOptions.Data();
        var command = new Command("bench", "Measure training throughput, time to 99 % MNIST test accuracy, inference throughput and latency (run it on an idle machine).")
        {
            json, quick, threads, data,
        };
        command.SetAction(parse =>
        {
            var work = Directory.CreateTempSubdirectory("lenet-bench-");
            try
            {
                var loader = new DatasetLoader(context.DataOptions(parse.GetValue(data)));
                var report = new SpeedBenchmark(loader).Run(new SpeedBenchmarkOptions(parse.GetValue(quick), parse.GetValue(threads), work.FullName));
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
        var table = new Table().Border(TableBorder.Rounded).AddColumn("measurement").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("training, batch 128 (default)", $"{r.TrainExamplesPerSecond:N0} examples/s");
        table.AddRow($"training, batch {r.BestBatchSize} (fastest tried)", $"{r.TrainExamplesPerSecondBestBatch:N0} examples/s");
        table.AddRow("time to 99.0 % test accuracy (data load included, evaluation excluded)",
            r.TimeTo99Seconds is { } t ? $"{t:F1} s ({r.EpochsTo99} epochs; load {r.DataLoadSeconds:F1} s; evaluation {r.EvaluationSeconds:F1} s)" : "not measured");
        table.AddRow("inference, batch 1", $"{r.InferBatch1:N0} images/s");
        table.AddRow("inference, batch 64", $"{r.InferBatch64:N0} images/s");
        table.AddRow("inference, batch 1000", $"{r.InferBatch1000:N0} images/s");
        table.AddRow("inference, batch 1000, ONNX Runtime", $"{r.InferBatch1000Onnx:N0} images/s");
        table.AddRow("one digit from pixels, p50 / p99", $"{r.LatencyP50Pixels:F2} / {r.LatencyP99Pixels:F2} ms");
        table.AddRow("one digit from PNG bytes, p50 / p99", $"{r.LatencyP50Png:F2} / {r.LatencyP99Png:F2} ms");
        table.AddRow("peak memory", $"{r.PeakMemoryMiB:N0} MiB");
        console.Write(table);
        console.MarkupLineInterpolated($"{r.Machine.CpuModel}, {r.Machine.LogicalCores} logical cores, {r.Machine.TorchThreads} libtorch threads, TorchSharp {r.Machine.TorchSharpVersion}, {r.Machine.Runtime}");
    }
}
