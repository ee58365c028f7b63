using BenchmarkDotNet.Attributes;
using LeNet.Inference;

namespace LeNet.Benchmarks;

/// <summary>The MNIST recipe applied to a photo: decoding, finding the ink, and formatting it as a 28 × 28 field.</summary>
[MemoryDiagnoser]
public class PreprocessingBenchmarks
{
    private byte[] _jpeg = [];
    private GrayImage _photo = null!;

    [GlobalSetup]
    public void Setup()
    {
        _jpeg = File.ReadAllBytes(BenchmarkData.DigitPhoto);
        _photo = ImageDecoder.Decode(_jpeg, BenchmarkData.DigitPhoto);
    }

    /// <summary>JPEG bytes to grey pixels (EXIF orientation, reduced-scale decoding of big photos).</summary>
    [Benchmark]
    public int Decode() => ImageDecoder.Decode(_jpeg, "digit.jpg").Width;

    /// <summary>Grey photo to the 28 × 28 MNIST-style field: lighting, threshold, components, crop, fit, centring.</summary>
    [Benchmark]
    public int Prepare() => MnistFormatter.Prepare(_photo).Field?.Width ?? 0;
}
