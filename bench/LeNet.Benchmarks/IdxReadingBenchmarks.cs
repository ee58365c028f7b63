using BenchmarkDotNet.Attributes;
using LeNet.Data;

namespace LeNet.Benchmarks;

/// <summary>Reading MNIST's IDX files: gzip decompression plus every header check.</summary>
[MemoryDiagnoser]
public class IdxReadingBenchmarks
{
    private string _images = "", _labels = "";

    [GlobalSetup]
    public void Setup()
    {
        _images = Path.Combine(BenchmarkData.MnistFolder, "train-images-idx3-ubyte.gz");
        _labels = Path.Combine(BenchmarkData.MnistFolder, "train-labels-idx1-ubyte.gz");
    }

    /// <summary>The 60,000 training images (47 MB decompressed).</summary>
    [Benchmark]
    public int TrainImages() => IdxFile.Read(_images, expectedRank: 3).Dimensions[0];

    /// <summary>The 60,000 training labels.</summary>
    [Benchmark]
    public int TrainLabels() => IdxFile.Read(_labels, expectedRank: 1).Dimensions[0];
}
