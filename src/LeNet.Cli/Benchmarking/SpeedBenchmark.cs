using System.Diagnostics;
using LeNet.Data;
using LeNet.Inference;
using LeNet.Models;
using LeNet.Reporting;
using LeNet.Training;
using static TorchSharp.torch;

namespace LeNet.Benchmarking;

/// <summary>Settings of a speed benchmark.</summary>
/// <param name="Quick">A few batches and iterations only (checks the harness; the figures mean little).</param>
/// <param name="Threads">libtorch threads (0 = one per core).</param>
/// <param name="WorkFolder">Where the time-to-accuracy runs write their files.</param>
/// <param name="Seeds">Time-to-accuracy runs of the default recipe, seeds 1…Seeds.</param>
public sealed record SpeedBenchmarkOptions(bool Quick, int Threads, string WorkFolder, int Seeds = 5);

/// <summary>
/// Measures, on the real MNIST files, what users feel: training throughput, time to 99 % test accuracy with the
/// default recipe, network inference throughput, and single-digit latency from pixels and from PNG bytes; each on the
/// fast (default) and the plain compute path, interleaved in one run. Run it on an idle machine: libtorch's threads
/// slow down sharply when other processes share the cores.
/// </summary>
public sealed class SpeedBenchmark(DatasetLoader loader)
{
    /// <summary>Batch sizes tried for training throughput; the default first.</summary>
    private static readonly int[] BatchSizes = [new TrainingOptions().BatchSize, 256, 512, 1024];

    private static readonly ComputePath[] Paths = [ComputePath.Fast, ComputePath.Plain];

    /// <summary>Runs every measurement.</summary>
    public SpeedReport Run(SpeedBenchmarkOptions options, CancellationToken cancellationToken = default)
    {
        var plainCompute = new ComputeSettings(ComputePath.Plain, options.Threads);
        plainCompute.ApplyToProcess();
        var sgemm = MatrixMultiplyGflops(options.Quick);
        Dictionary<(ComputePath, int), double> throughput;
        GrayImage field;
        using (var split = loader.Load(DatasetInfo.Mnist))
        using (var train = LabelledTensors.From(split.Train, new Normalization(DatasetInfo.Mnist.Mean, DatasetInfo.Mnist.StandardDeviation), CPU))
        {
            throughput = TrainingThroughput(train, options.Threads, options.Quick);
            field = GrayImage.FromBytes(28, 28, split.Test.Images[0].data<byte>().ToArray());
        }
        var best = Paths.ToDictionary(p => p, p => BatchSizes.MaxBy(b => throughput[(p, b)]));
        var seeds = options.Quick ? 0 : options.Seeds;
        var timesTo99 = Enumerable.Range(1, seeds)
            .Select(seed => TimeTo99(options.WorkFolder, options.Threads, seed, ComputePath.Fast, cancellationToken)).ToList();
        var plainTo99 = options.Quick ? null : TimeTo99(options.WorkFolder, options.Threads, 1, ComputePath.Plain, cancellationToken);
        var medianTo99 = seeds == 0 ? double.PositiveInfinity : Median(timesTo99.Select(t => t.Seconds ?? double.PositiveInfinity));

        var reading = RecognizerOptions.Default with { Threads = options.Threads };
        using var fast = Engines.Load(null, InferenceRuntime.Fast, reading);
        using var plain = Engines.Load(null, InferenceRuntime.Torch, reading);
        using var onnx = Engines.Load(null, InferenceRuntime.Onnx, reading);
        var iterations = options.Quick ? 20 : 2_000;
        var photo = PhotoOf(field);
        var png = Png.Encode(photo);
        var (pixels50, pixels99) = Latency(() => fast.PredictImage(photo), iterations);
        var (png50, png99) = Latency(() => fast.Predict(png, "photo.png"), iterations);
        var inferFast = new[] { 1, 64, 1000 }.Select(b => InferenceThroughput(fast, field, b, options.Quick)).ToList();
        plainCompute.ApplyToProcess();
        var inferPlain = new[] { 1, 64, 1000 }.Select(b => InferenceThroughput(plain, field, b, options.Quick)).ToList();
        using var reference = Architecture.Default.Create();
        var flopsPerExample = 2.0 * 3 * ModelSummary.Of(Architecture.Default.Name, reference).MultiplyAccumulates;
        var bestFast = throughput[(ComputePath.Fast, best[ComputePath.Fast])];
        var bestPlain = throughput[(ComputePath.Plain, best[ComputePath.Plain])];
        double ShareOfSgemm(double examplesPerSecond) => examplesPerSecond * flopsPerExample / 1e9 / sgemm;

        return new SpeedReport
        {
            TrainExamplesPerSecond = throughput[(ComputePath.Fast, BatchSizes[0])],
            TrainExamplesPerSecondBestBatch = bestFast,
            BestBatchSize = best[ComputePath.Fast],
            TrainExamplesPerSecondPlain = throughput[(ComputePath.Plain, BatchSizes[0])],
            TrainExamplesPerSecondBestBatchPlain = bestPlain,
            BestBatchSizePlain = best[ComputePath.Plain],
            TrainByBatch = Paths.ToDictionary(p => p.ToString().ToLowerInvariant(),
                p => (IReadOnlyDictionary<int, double>)BatchSizes.ToDictionary(b => b, b => throughput[(p, b)])),
            SgemmGflops = sgemm,
            TrainFlopsPerExample = flopsPerExample,
            TrainFractionOfSgemm = ShareOfSgemm(bestFast),
            TrainFractionOfSgemmPlain = ShareOfSgemm(bestPlain),
            TimeTo99Seconds = double.IsFinite(medianTo99) ? medianTo99 : null,
            TimeTo99BySeed = timesTo99,
            TimeTo99SecondsPlain = plainTo99?.Seconds,
            InferBatch1 = inferFast[0],
            InferBatch64 = inferFast[1],
            InferBatch1000 = inferFast[2],
            InferBatch1Plain = inferPlain[0],
            InferBatch64Plain = inferPlain[1],
            InferBatch1000Plain = inferPlain[2],
            InferBatch1000Onnx = InferenceThroughput(onnx, field, 1000, options.Quick),
            LatencyP50Pixels = pixels50,
            LatencyP99Pixels = pixels99,
            LatencyP50Png = png50,
            LatencyP99Png = png99,
            PeakMemoryMiB = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0,
            Machine = MachineInfo.Current(plainCompute.Cores),
        };
    }

    /// <summary>Sustained GFLOP/s of a 2048 × 2048 fp32 matrix multiply (median of timed repeats).</summary>
    private static double MatrixMultiplyGflops(bool quick)
    {
        using var scope = NewDisposeScope();
        const int Size = 2048;
        var a = randn(Size, Size);
        var b = randn(Size, Size);
        a.mm(b).Dispose(); // warm-up
        var rates = new List<double>();
        for (var repeat = 0; repeat < (quick ? 1 : 9); repeat++)
        {
            var clock = Stopwatch.StartNew();
            a.mm(b).Dispose();
            rates.Add(2.0 * Size * Size * Size / clock.Elapsed.TotalSeconds / 1e9);
        }
        return Median(rates);
    }

    /// <summary>The middle value (the upper one of an even count).</summary>
    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>
    /// Median examples/s over timed chunks of training steps (after a warm-up) for every path and batch size, the
    /// default recipe otherwise. Chunks of all configurations alternate, so machine noise falls on all alike.
    /// </summary>
    private static Dictionary<(ComputePath, int), double> TrainingThroughput(LabelledTensors data, int threads, bool quick)
    {
        var runs = new List<(ComputePath Path, int Batch, Func<int, double> Chunk, IDisposable Owner)>();
        foreach (var path in Paths)
        {
            foreach (var batchSize in BatchSizes)
                runs.Add(ThroughputRun(data, path, batchSize, threads, quick));
        }
        var rates = runs.ToDictionary(r => (r.Path, r.Batch), _ => new List<double>());
        for (var repeat = 0; repeat <= (quick ? 1 : 7); repeat++)
        {
            foreach (var run in runs)
            {
                var rate = run.Chunk(repeat);
                if (repeat > 0) // the first round warms up
                    rates[(run.Path, run.Batch)].Add(rate);
            }
        }
        runs.ForEach(r => r.Owner.Dispose());
        return rates.ToDictionary(r => r.Key, r => Median(r.Value));
    }

    private static (ComputePath, int, Func<int, double>, IDisposable) ThroughputRun(LabelledTensors data, ComputePath path, int batchSize,
        int threads, bool quick)
    {
        var options = new TrainingOptions { BatchSize = batchSize, Schedule = ScheduleKind.None, Compute = path };
        random.manual_seed(1);
        var model = Architecture.Default.Create();
        var compute = new ComputeSettings(path, threads);
        var optimizer = OptimizerFactory.Create(options, model.parameters());
        var trainer = new Trainer(model, optimizer, null, LossFunction.CrossEntropy, classes: 10);
        var sampler = new BatchSampler(data.Inputs, data.Labels, batchSize, seed: 1, maxBatches: quick ? 2 : Math.Max(8, 8_192 / batchSize));
        double Chunk(int repeat)
        {
            compute.Apply(model);
            var clock = Stopwatch.StartNew();
            var tally = trainer.TrainEpoch(sampler.Epoch(repeat + 1), EpochTally.Empty);
            return tally.Examples / clock.Elapsed.TotalSeconds;
        }
        return (path, batchSize, Chunk, new Owner(model, optimizer));
    }

    private sealed class Owner(IDisposable model, IDisposable optimizer) : IDisposable
    {
        public void Dispose()
        {
            optimizer.Dispose();
            model.Dispose();
        }
    }

    /// <summary>The default recipe on <paramref name="path"/>, stopped as soon as an epoch ends at ≥ 99.0 % test accuracy.</summary>
    private TimeTo99 TimeTo99(string folder, int threads, long seed, ComputePath path, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watcher = new TargetWatcher(0.99, stop);
        var options = new TrainingOptions { Threads = threads, Seed = seed, Compute = path };
        var result = new TrainingSession(loader, watcher).Run(options, Path.Combine(folder, $"{path}-{seed}"), resume: false, stop.Token);
        var last = result.History.Count > 0 ? result.History[^1].TestAccuracy : double.NaN;
        return watcher.Reached is { } epoch
            ? new TimeTo99(seed, watcher.SecondsToStart + result.History.Take(epoch).Sum(m => m.Seconds), epoch, watcher.SecondsToStart, watcher.EvaluationSeconds, last)
            : new TimeTo99(seed, null, null, watcher.SecondsToStart, watcher.EvaluationSeconds, last);
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
