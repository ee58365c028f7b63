using LeNet.Data;
using LeNet.Inference;
using LeNet.Tests.Support;
using Xunit.Abstractions;

namespace LeNet.Tests.Inference;

/// <summary>Real MNIST test digits, and a recognizer with the bundled model, shared by the photo tests.</summary>
public sealed class MnistTestDigits : IDisposable
{
    public const int Count = 2_000;

    public MnistTestDigits()
    {
        using var mnist = new DatasetLoader(TestData.Options).Load(DatasetInfo.Mnist);
        var pixels = mnist.Test.Images.data<byte>().ToArray();
        var labels = mnist.Test.Labels.data<long>().ToArray();
        Digits = [.. Enumerable.Range(0, Count).Select(i => GrayImage.FromBytes(28, 28, pixels.AsSpan(i * 784, 784)))];
        Labels = [.. labels.Take(Count).Select(l => (int)l)];
        Recognizer = DigitRecognizer.LoadBundled();
    }

    public GrayImage[] Digits { get; }

    public int[] Labels { get; }

    public DigitRecognizer Recognizer { get; }

    public void Dispose() => Recognizer.Dispose();
}

/// <summary>
/// The bundled model reading MNIST *test* digits turned into paper photos (never seen in training), against the
/// plain resize-to-28×28-and-invert baseline that misreads photographed digits in the well-known tutorials.
/// </summary>
public sealed class HandwritingPhotoTests(MnistTestDigits mnist, ITestOutputHelper output) : IClassFixture<MnistTestDigits>
{
    private const int Photos = 600;

    [Fact]
    public void Reads_at_least_97_percent_of_photographed_digits_and_beats_the_resize_and_invert_baseline()
    {
        var photos = new PaperPhotos(seed: 2024);
        int pipelineCorrect = 0, baselineCorrect = 0, unsure = 0;
        for (var i = 0; i < Photos; i++)
        {
            var jpeg = photos.Digit(mnist.Digits[i]);
            var expected = mnist.Labels[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
            var prediction = mnist.Recognizer.Predict(jpeg, $"photo {i}");
            pipelineCorrect += prediction.Label == expected ? 1 : 0;
            unsure += prediction.Unsure ? 1 : 0;
            if (ResizeAndInvert(jpeg) == expected)
                baselineCorrect++;
        }
        var pipeline = (double)pipelineCorrect / Photos;
        var baseline = (double)baselineCorrect / Photos;
        TestReport.Write(output, $"Photographed MNIST test digits ({Photos}): MNIST-recipe pipeline {pipeline:P1} ({(double)unsure / Photos:P1} flagged unsure), plain resize-and-invert baseline {baseline:P1}");

        Assert.True(pipeline >= 0.97, $"pipeline read {pipeline:P1}");
        Assert.True(pipeline > baseline + 0.2, $"pipeline {pipeline:P1} vs baseline {baseline:P1}");
        Assert.True(unsure <= Photos * 0.03, $"{unsure} real digits flagged unsure");
    }

    [Fact]
    public void Reads_at_least_90_percent_of_photographed_lines_exactly()
    {
        var photos = new PaperPhotos(seed: 7);
        var random = new Random(11);
        const int Lines = 120;
        var exact = 0;
        for (var line = 0; line < Lines; line++)
        {
            var indices = Enumerable.Range(0, random.Next(3, 8)).Select(_ => random.Next(Photos, MnistTestDigits.Count)).ToList();
            var jpeg = photos.Line([.. indices.Select(i => mnist.Digits[i])]);
            var expected = string.Concat(indices.Select(i => mnist.Labels[i]));
            if (mnist.Recognizer.ReadLine(jpeg, $"line {line}").Text == expected)
                exact++;
        }
        var rate = (double)exact / Lines;
        TestReport.Write(output, $"Photographed lines of 3–7 MNIST test digits ({Lines}): read exactly {rate:P1}");

        Assert.True(rate >= 0.90, $"lines read exactly: {rate:P1}");
    }

    /// <summary>The tutorials' way: shrink the whole photo to 28 × 28, invert, classify.</summary>
    private string ResizeAndInvert(byte[] jpeg)
    {
        var image = ImageDecoder.Decode(jpeg, "photo");
        var small = ImageOps.Resize(image, 28, 28);
        for (var i = 0; i < small.Pixels.Length; i++)
            small.Pixels[i] = 1 - small.Pixels[i];
        return mnist.Recognizer.PredictFields([small])[0].Label;
    }
}
