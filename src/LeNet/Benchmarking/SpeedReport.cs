using System.Text.Json.Serialization;

namespace LeNet.Benchmarking;

/// <summary>What <c>lenet bench</c> measured. Property names are the JSON keys.</summary>
public sealed record SpeedReport
{
    /// <summary>Training examples per second of the default architecture at the default batch size (median of timed chunks).</summary>
    [JsonPropertyName("train_examples_per_second")] public double TrainExamplesPerSecond { get; init; }

    /// <summary>The same at the fastest batch size tried.</summary>
    [JsonPropertyName("train_examples_per_second_best_batch")] public double TrainExamplesPerSecondBestBatch { get; init; }

    /// <summary>The fastest batch size tried.</summary>
    [JsonPropertyName("best_batch_size")] public int BestBatchSize { get; init; }

    /// <summary>Seconds from start (data loading included) until the default recipe first reached 99.0 % test accuracy, evaluation excluded; null if it did not.</summary>
    [JsonPropertyName("time_to_99_seconds")] public double? TimeTo99Seconds { get; init; }

    /// <summary>Of which: loading the data.</summary>
    [JsonPropertyName("data_load_seconds")] public double DataLoadSeconds { get; init; }

    /// <summary>Evaluation time spent up to that point (reported separately, not included).</summary>
    [JsonPropertyName("evaluation_seconds")] public double EvaluationSeconds { get; init; }

    /// <summary>Epochs the recipe needed for 99.0 %.</summary>
    [JsonPropertyName("epochs_to_99")] public int? EpochsTo99 { get; init; }

    /// <summary>Network inference throughput (TorchSharp) at batch 1.</summary>
    [JsonPropertyName("infer_images_per_second_batch1")] public double InferBatch1 { get; init; }

    /// <summary>At batch 64.</summary>
    [JsonPropertyName("infer_images_per_second_batch64")] public double InferBatch64 { get; init; }

    /// <summary>At batch 1,000.</summary>
    [JsonPropertyName("infer_images_per_second_batch1000")] public double InferBatch1000 { get; init; }

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
