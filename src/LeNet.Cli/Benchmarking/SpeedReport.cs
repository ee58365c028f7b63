using System.Text.Json.Serialization;

namespace LeNet.Benchmarking;

/// <summary>
/// What <c>lenet bench</c> measured. Property names are the JSON keys. Unsuffixed figures are the default (fast) compute
/// path; <c>_plain</c> figures are the same measurement on the plain path (one TorchSharp operation per layer), taken
/// in the same run, interleaved, so that both see the same machine.
/// </summary>
public sealed record SpeedReport
{
    /// <summary>Training examples per second of the default architecture at the default batch size (median of timed chunks).</summary>
    [JsonPropertyName("train_examples_per_second")] public double TrainExamplesPerSecond { get; init; }

    /// <summary>The same at the fastest batch size tried.</summary>
    [JsonPropertyName("train_examples_per_second_best_batch")] public double TrainExamplesPerSecondBestBatch { get; init; }

    /// <summary>The fastest batch size tried.</summary>
    [JsonPropertyName("best_batch_size")] public int BestBatchSize { get; init; }

    /// <summary>Plain path at the default batch size.</summary>
    [JsonPropertyName("train_examples_per_second_plain")] public double TrainExamplesPerSecondPlain { get; init; }

    /// <summary>Plain path at its fastest batch size: the plain-TorchSharp ceiling.</summary>
    [JsonPropertyName("train_examples_per_second_best_batch_plain")] public double TrainExamplesPerSecondBestBatchPlain { get; init; }

    /// <summary>The plain path's fastest batch size.</summary>
    [JsonPropertyName("best_batch_size_plain")] public int BestBatchSizePlain { get; init; }

    /// <summary>Examples/s at every batch size tried, per path ("fast"/"plain" → batch → examples/s).</summary>
    [JsonPropertyName("train_examples_per_second_by_batch")] public required IReadOnlyDictionary<string, IReadOnlyDictionary<int, double>> TrainByBatch { get; init; }

    /// <summary>Sustained fp32 matrix multiply (2048 × 2048) on the same threads: the arithmetic limit, in GFLOP/s.</summary>
    [JsonPropertyName("sgemm_gflops")] public double SgemmGflops { get; init; }

    /// <summary>Floating-point operations per training example: 2 × 3 × the forward multiply-accumulates.</summary>
    [JsonPropertyName("train_flops_per_example")] public double TrainFlopsPerExample { get; init; }

    /// <summary>The fast path's best training throughput as a fraction of <see cref="SgemmGflops"/>.</summary>
    [JsonPropertyName("train_fraction_of_sgemm")] public double TrainFractionOfSgemm { get; init; }

    /// <summary>The plain path's best training throughput as a fraction of <see cref="SgemmGflops"/>.</summary>
    [JsonPropertyName("train_fraction_of_sgemm_plain")] public double TrainFractionOfSgemmPlain { get; init; }

    /// <summary>Median over the seeds of the seconds from start (data loading included) until the default recipe first reached 99.0 % test accuracy, evaluation excluded; null if it did not.</summary>
    [JsonPropertyName("time_to_99_seconds")] public double? TimeTo99Seconds { get; init; }

    /// <summary>Each seed's time to 99.0 % (null where the run ended below it).</summary>
    [JsonPropertyName("time_to_99_seconds_by_seed")] public required IReadOnlyList<TimeTo99> TimeTo99BySeed { get; init; }

    /// <summary>The plain path's time to 99.0 % with seed 1.</summary>
    [JsonPropertyName("time_to_99_seconds_plain")] public double? TimeTo99SecondsPlain { get; init; }

    /// <summary>Network inference throughput at batch 1.</summary>
    [JsonPropertyName("infer_images_per_second_batch1")] public double InferBatch1 { get; init; }

    /// <summary>At batch 64.</summary>
    [JsonPropertyName("infer_images_per_second_batch64")] public double InferBatch64 { get; init; }

    /// <summary>At batch 1,000.</summary>
    [JsonPropertyName("infer_images_per_second_batch1000")] public double InferBatch1000 { get; init; }

    /// <summary>Plain path at batch 1.</summary>
    [JsonPropertyName("infer_images_per_second_batch1_plain")] public double InferBatch1Plain { get; init; }

    /// <summary>Plain path at batch 64.</summary>
    [JsonPropertyName("infer_images_per_second_batch64_plain")] public double InferBatch64Plain { get; init; }

    /// <summary>Plain path at batch 1,000.</summary>
    [JsonPropertyName("infer_images_per_second_batch1000_plain")] public double InferBatch1000Plain { get; init; }

    /// <summary>The same at batch 1,000 on ONNX Runtime.</summary>
    [JsonPropertyName("infer_images_per_second_batch1000_onnx")] public double InferBatch1000Onnx { get; init; }

    /// <summary>One digit from decoded pixels to answer, median milliseconds.</summary>
    [JsonPropertyName("latency_p50_ms_pixels")] public double LatencyP50Pixels { get; init; }

    /// <summary>99th percentile of the same.</summary>
    [JsonPropertyName("latency_p99_ms_pixels")] public double LatencyP99Pixels { get; init; }

    /// <summary>One digit photo from PNG bytes to answer, median milliseconds.</summary>
    [JsonPropertyName("latency_p50_ms_png")] public double LatencyP50Png { get; init; }

    /// <summary>99th percentile of the same.</summary>
    [JsonPropertyName("latency_p99_ms_png")] public double LatencyP99Png { get; init; }

    /// <summary>Peak resident memory of the process, in MiB.</summary>
    [JsonPropertyName("peak_memory_mib")] public double PeakMemoryMiB { get; init; }

    /// <summary>Where it ran.</summary>
    [JsonPropertyName("machine")] public required MachineInfo Machine { get; init; }
}

/// <summary>One time-to-accuracy run.</summary>
/// <param name="Seed">The run's seed.</param>
/// <param name="Seconds">Data loading plus training until the first epoch at ≥ 99.0 % test accuracy; null if none was.</param>
/// <param name="Epochs">That epoch.</param>
/// <param name="DataLoadSeconds">Of which: loading the data.</param>
/// <param name="EvaluationSeconds">Evaluation time up to then (excluded from <paramref name="Seconds"/>).</param>
/// <param name="FinalAccuracy">Test accuracy at the epoch the run stopped.</param>
public sealed record TimeTo99(
    [property: JsonPropertyName("seed")] long Seed,
    [property: JsonPropertyName("seconds")] double? Seconds,
    [property: JsonPropertyName("epochs")] int? Epochs,
    [property: JsonPropertyName("data_load_seconds")] double DataLoadSeconds,
    [property: JsonPropertyName("evaluation_seconds")] double EvaluationSeconds,
    [property: JsonPropertyName("final_test_accuracy")] double FinalAccuracy);
