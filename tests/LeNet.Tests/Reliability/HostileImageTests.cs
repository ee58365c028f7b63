using LeNet.Inference;
using LeNet.Tests.Inference;
using LeNet.Tests.Support;
using SkiaSharp;

namespace LeNet.Tests.Reliability;

/// <summary>Images from strangers: each is either read correctly or refused with a clear reason; none crashes or hangs.</summary>
public sealed class HostileImageTests(MnistTestDigits mnist) : IClassFixture<MnistTestDigits>
{
    private static string Fixture(string name) => Path.Combine(Samples.RepositoryRoot(), "tests", "LeNet.Tests", "Fixtures", name);

    private DigitRecognizer Recognizer => mnist.Recognizer;

    [Theory]
    [InlineData("digit-4-16bit.png", "4")]
    [InlineData("digit-5-cmyk.jpg", "5")]
    [InlineData("animated-2-then-8.gif", "2")] // the first frame
    public void Unusual_but_valid_encodings_are_read(string file, string digit) =>
        Assert.Equal(digit, Recognizer.PredictFile(Fixture(file)).Label);

    [Fact]
    public void A_truncated_JPEG_is_refused_or_read_but_never_crashes()
    {
        var jpeg = Samples.Bytes("digit-6.jpg");

        var outcome = Record.Exception(() => Recognizer.Predict(jpeg[..(jpeg.Length / 3)], "cut.jpg"));

        Assert.True(outcome is null or ImageException, outcome?.ToString());
    }

    [Fact]
    public void A_polyglot_PNG_with_an_archive_appended_is_read_as_the_image()
    {
        byte[] polyglot = [.. Samples.Bytes("digit-0.jpg"), .. "PK\u0003\u0004 trailing archive or script"u8];

        Assert.Equal("0", Recognizer.Predict(polyglot, "polyglot.jpg").Label);
    }

    [Theory]
    [InlineData(1, 1, 0f)]
    [InlineData(1, 1, 1f)]
    [InlineData(300, 200, 1f)]   // all white
    [InlineData(300, 200, 0f)]   // all black
    public void Blank_images_of_any_size_come_back_unsure(int width, int height, float value)
    {
        var png = LeNet.Reporting.Png.Encode(GrayImage.Blank(width, height, value));

        var prediction = Recognizer.Predict(png, "blank.png");

        Assert.True(prediction.Unsure);
    }

    [Fact]
    public void A_real_8000_by_8000_photo_is_decoded_at_reduced_scale_and_read()
    {
        // A digit photographed at 8000 × 8000 (64 megapixels, the stated limit): decoded at 1/8 scale, never in full.
        using var bitmap = new SKBitmap(new SKImageInfo(8000, 8000, SKColorType.Gray8, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(225, 222, 215));
            using var typeface = SKTypeface.FromFamilyName("Klee One");
            using var font = new SKFont(typeface, 5200);
            using var pen = new SKPaint { Color = new SKColor(35, 35, 45), IsAntialias = true };
            canvas.DrawText("9", 4000, 6000, SKTextAlign.Center, font, pen);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 80);
        var jpeg = data.ToArray();
        var before = GC.GetTotalAllocatedBytes();

        var prediction = Recognizer.Predict(jpeg, "huge.jpg");

        Assert.Equal("9", prediction.Label);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 200L << 20, "decoding must not allocate the full-resolution image");
    }
}
