using System.Diagnostics;
using LeNet.Data;
using LeNet.Inference;
using LeNet.Models;
using LeNet.Native;
using LeNet.Reporting;
using LeNet.Training;
using static TorchSharp.torch;

namespace LeNet.Benchmarking;

/// <summary>Settings of a speed benchmark.</summary>
/// <param name="Quick">A few batches and iterations only (checks the harness; the figures mean little).</param>
/// <param name="Threads">libtorch threads (0 = one per core).</param>
/// <param name="WorkFolder">Where the time-to-accuracy run writes its files.</param>
public sealed record SpeedBenchmarkOptions(bool Quick, int Threads, string WorkFolder);

/// <summary>
/// Measures, on the real MNIST files, what users feel: training throughput, time to 99 % test accuracy with the
/// default recipe, network inference throughput, and single-digit latency from pixels and from PNG bytes. Run it on
/// an idle machine: libtorch's threads slow down sharply when other processes share the cores.
/// </summary>
public sealed class SpeedBenchmark(DatasetLoader loader)
{
    /// <summary>Batch sizes tried for training throughput; the default (128) first.</summary>
    private static readonly int[] BatchSizes = [128, 256, 512, 1024];

    /// <summary>Runs every measurement.</summary>
    public SpeedReport Run(SpeedBenchmarkOptions options, CancellationToken cancellationToken = default)
    {
        var threads = TorchRuntime.ConfigureThreads(options.Threads);
        Dictionary<int, double> throughput;
        GrayImage field;
        using (var split = loader.Load(DatasetInfo.Mnist))
        using (var train = LabelledTensors.From(split.Train, new Normalization(DatasetInfo.Mnist.Mean, DatasetInfo.Mnist.StandardDeviation), CPU))
        {
            throughput = BatchSizes.ToDictionary(b => b, b => TrainingThroughput(train, b, options.Quick));
            field = GrayImage.FromBytes(28, 28, split.Test.Images[0].data<byte>().ToArray());
        }
        var best = throughput.MaxBy(t => t.Value);
        var timeTo99 = options.Quick ? null : TimeTo99(options.WorkFolder, options.Threads, cancellationToken);

        using var recognizer = DigitRecognizer.LoadBundled();
        using var onnx = DigitRecognizer.LoadBundled(runtime: InferenceRuntime.Onnx);
        var iterations = options.Quick ? 20 : 2_000;
        var photo = PhotoOf(field);
        var png = Png.Encode(photo);
        var (pixels50, pixels99) = Latency(() => recognizer.PredictImage(photo), iterations);
        var (png50, png99) = Latency(() => recognizer.Predict(png, "photo.png"), iterations);

        return new SpeedReport
        {
            TrainExamplesPerSecond = throughput[BatchSizes[0]],
            TrainExamplesPerSecondBestBatch = best.Value,
            BestBatchSize = best.Key,
            TimeTo99Seconds = timeTo99?.Seconds,
            DataLoadSeconds = timeTo99?.DataLoad ?? 0,
            EvaluationSeconds = timeTo99?.Evaluation ?? 0,
            EpochsTo99 = timeTo99?.Epochs,
            InferBatch1 = InferenceThroughput(recognizer, field, 1, options.Quick),
            InferBatch64 = InferenceThroughput(recognizer, field, 64, options.Quick),
            InferBatch1000 = InferenceThroughput(recognizer, field, 1000, options.Quick),
            InferBatch1000Onnx = InferenceThroughput(onnx, field, 1000, options.Quick),
            LatencyP50Pixels = pixels50,
            LatencyP99Pixels = pixels99,
            LatencyP50Png = png50,
            LatencyP99Png = png99,
            PeakMemoryMiB = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0,
            Machine = MachineInfo.Current(threads),
        };
    }

    /// <summary>Median examples/s over timed chunks of training steps (after a warm-up), the default recipe otherwise.</summary>
    private static double TrainingThroughput(LabelledTensors data, int batchSize, bool quick)
    {
        var options = new TrainingOptions { BatchSize = batchSize, Schedule = ScheduleKind.None };
        random.manual_seed(1);
        using var model = Architecture.Default.Create();
        using var optimizer = OptimizerFactory.Create(options, model.parameters());
        var trainer = new Trainer(model, optimizer, null, LossFunction.CrossEntropy);
        var chunk = quick ? 2 : Math.Max(10, 12_800 / batchSize);
        var sampler = new BatchSampler(data.Inputs, data.Labels, batchSize, seed: 1, maxBatches: chunk);
        trainer.TrainEpoch(sampler.Epoch(0), EpochTally.Empty); // warm-up
        var rates = new List<double>();
        for (var repeat = 1; repeat <= (quick ? 1 : 5); repeat++)
        {
            var clock = Stopwatch.StartNew();
            var tally = trainer.TrainEpoch(sampler.Epoch(repeat), EpochTally.Empty);
            rates.Add(tally.Examples / clock.Elapsed.TotalSeconds);
        }
        return rates.Order().ElementAt(rates.Count / 2);
    }

    private sealed record TimeToTarget(double Seconds, double DataLoad, double Evaluation, int Epochs);

    /// <summary>The default recipe, stopped as soon as an epoch ends at ≥ 99.0 % test accuracy.</summary>
    private TimeToTarget? TimeTo99(string folder, int threads, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watcher = new TargetWatcher(0.99, stop);
        var result = new TrainingSession(loader, watcher).Run(new TrainingOptions { Threads = threads }, folder, resume: false, stop.Token);
        return watcher.Reached is { } epoch
            ? new TimeToTarget(watcher.SecondsToStart + result.History.Take(epoch).Sum(m => m.Seconds), watcher.SecondsToStart, watcher.EvaluationSeconds, epoch)
            : null;
    }

    /// <summary>Notes when training starts and when the target is first reached, then stops the run.</summary>
    private sealed class TargetWatcher(double target, CancellationTokenSource stop) : ITrainingObserver
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private double _trainingSeconds;

        public double SecondsToStart { get; private set; }

        public double EvaluationSeconds { get; private set; }

        public int? Reached { get; private set; }

        public void RunStarting(RunStart start) => SecondsToStart = _clock.Elapsed.TotalSeconds;

        public void EpochCompleted(EpochMetrics metrics)
        {
            _trainingSeconds += metrics.Seconds;
            EvaluationSeconds = _clock.Elapsed.TotalSeconds - SecondsToStart - _trainingSeconds;
            if (Reached is null && metrics.TestAccuracy >= target)
            {
                Reached = metrics.Epoch;
                stop.Cancel();
            }
        }
    }

    private static double InferenceThroughput(DigitRecognizer recognizer, GrayImage field, int batch, bool quick)
    {
        var fields = Enumerable.Repeat(field, batch).ToList();
        recognizer.PredictFields(fields);
        var total = quick ? batch * 2 : Math.Max(20_000, batch * 20);
        var clock = Stopwatch.StartNew();
        for (var done = 0; done < total; done += batch)
            recognizer.PredictFields(fields);
        return total / clock.Elapsed.TotalSeconds;
    }

    private static (double P50, double P99) Latency(Action predict, int iterations)
    {
        predict();
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            predict();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return (times[iterations / 2], times[Math.Min(iterations - 1, (int)(iterations * 0.99))]);
    }

    /// <summary>The digit as a small photo: enlarged ×4, dark ink on light paper.</summary>
    private static GrayImage PhotoOf(GrayImage field)
    {
        var photo = ImageOps.Resize(field, 112, 112);
        for (var i = 0; i < photo.Pixels.Length; i++)
            photo.Pixels[i] = 0.9f - 0.75f * photo.Pixels[i];
        return photo;
    }
}
