using BenchmarkDotNet.Attributes;
using LeNet.Inference;
using LeNet.Models;

namespace LeNet.Benchmarks;

/// <summary>
/// Reading the repository's five photos of handwritten sums with the bundled math reader, whole and by the stages
/// that work on the whole photo: finding the ink, then estimating and removing the slant (which a line read again at
/// other slants repeats).
/// </summary>
[MemoryDiagnoser]
public class LineReadingBenchmarks
{
    private DigitRecognizer _reader = null!;
    private GrayImage[] _sums = [];
    private InkImage[] _inks = [];

    [GlobalSetup]
    public void Setup()
    {
        _reader = DigitRecognizer.LoadBundled(model: BundledModel.Math);
        _sums = [.. BenchmarkData.SumPhotos.Select(path => ImageDecoder.Decode(File.ReadAllBytes(path), path))];
        _inks = [.. _sums.Select(sum => InkExtractor.Extract(sum, keepDots: true))];
    }

    [GlobalCleanup]
    public void Cleanup() => _reader.Dispose();

    /// <summary>Grey photo to expression and value, five sums.</summary>
    [Benchmark]
    public int ReadSums() => _sums.Sum(sum => _reader.ReadExpression(sum).Line.Digits.Count);

    /// <summary>The ink of five sums' photos, dots kept.</summary>
    [Benchmark]
    public int FindInk() => _sums.Sum(sum => InkExtractor.Extract(sum, keepDots: true).Blobs.Count);

    /// <summary>The slant of five sums' ink estimated and removed (the upright ink cut to where it is), and its blobs found again.</summary>
    [Benchmark]
    public int RemoveSlant() => _inks.Sum(ink =>
        InkExtractor.Relabel(Slant.RemoveAroundInk(ink.Ink, Slant.Estimate(ink.Ink), out var page), ink.Inverted, page).Blobs.Count);
}
