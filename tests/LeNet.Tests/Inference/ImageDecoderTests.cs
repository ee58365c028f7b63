using LeNet.Inference;
using LeNet.Tests.Support;
using SkiaSharp;

namespace LeNet.Tests.Inference;

public sealed class ImageDecoderTests
{
    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void Decodes_common_formats_to_grey_of_the_same_size(SKEncodedImageFormat format)
    {
        var bytes = HostileImages.Encode(HostileImages.BarOnTheLeft(), format);

        var image = ImageDecoder.Decode(bytes, "bar");

        Assert.Equal((90, 60), (image.Width, image.Height));
        Assert.True(image[15, 30] < 0.2f, "the bar is dark");
        Assert.True(image[60, 30] > 0.8f, "the paper is light");
    }

    [Theory]
    [InlineData(6, 60, 90)] // stored sideways, shown rotated 90° clockwise: the bar ends up at the top
    [InlineData(3, 90, 60)] // rotated 180°: the bar ends up on the right
    public void Honours_the_EXIF_orientation_so_phone_photos_read_upright(ushort orientation, int width, int height)
    {
        var bytes = HostileImages.JpegWithOrientation(HostileImages.BarOnTheLeft(), orientation);

        var image = ImageDecoder.Decode(bytes, "photo.jpg");

        Assert.Equal((width, height), (image.Width, image.Height));
        if (orientation == 6)
            Assert.True(image[30, 15] < 0.3f && image[30, 75] > 0.7f);
        else
            Assert.True(image[75, 30] < 0.3f && image[15, 30] > 0.7f);
    }

    [Fact]
    public void A_header_declaring_100000_by_100000_pixels_is_refused_before_decoding()
    {
        var error = Assert.Throws<ImageException>(() => ImageDecoder.Decode(HostileImages.PngDeclaring(100_000, 100_000), "huge.png"));

        Assert.Equal(ImageProblem.TooManyPixels, error.Problem);
        Assert.Contains("100,000 × 100,000", error.Message);
    }

    [Fact]
    public void An_empty_file_is_refused_as_empty() =>
        Assert.Contains("empty", Assert.Throws<ImageException>(() => ImageDecoder.Decode([], "empty.png")).Message);

    [Fact]
    public void An_HTML_page_named_png_is_named_for_what_it_is()
    {
        var error = Assert.Throws<ImageException>(() => ImageDecoder.Decode("<!DOCTYPE html><html><body>hi</body></html>"u8, "page.png"));

        Assert.Equal(ImageProblem.Undecodable, error.Problem);
        Assert.Contains("HTML", error.Message);
    }

    [Fact]
    public void An_SVG_is_refused_with_a_reason()
    {
        var error = Assert.Throws<ImageException>(() => ImageDecoder.Decode("<svg xmlns='http://www.w3.org/2000/svg'><circle r='5'/></svg>"u8, "d.svg"));

        Assert.Contains("SVG", error.Message);
    }

    [Fact]
    public void A_truncated_PNG_is_refused_not_guessed()
    {
        var png = HostileImages.Encode(HostileImages.BarOnTheLeft(400, 300), SKEncodedImageFormat.Png);

        var error = Assert.Throws<ImageException>(() => ImageDecoder.Decode(png[..(png.Length / 2)], "cut.png"));

        Assert.Contains("cut.png", error.Message);
    }

    [Fact]
    public void Large_photos_are_reduced_to_the_working_size()
    {
        var bytes = HostileImages.Encode(HostileImages.BarOnTheLeft(3000, 2000), SKEncodedImageFormat.Jpeg);

        var image = ImageDecoder.Decode(bytes, "big.jpg");

        Assert.Equal(ImageLimits.Default.WorkingSide, Math.Max(image.Width, image.Height));
    }

    [Theory]
    [InlineData(3000, 2000)]
    [InlineData(1500, 2500)]
    public void Reducing_while_converting_equals_converting_then_reducing(int width, int height)
    {
        // PNG: decoded at full size either way (JPEG would be decoded at a reduced scale first).
        var png = HostileImages.Encode(HostileImages.BarOnTheLeft(width, height), SKEncodedImageFormat.Png);
        var full = ImageDecoder.Decode(png, "big.png", ImageLimits.Default with { WorkingSide = 4096 });
        var expected = ImageOps.ResizeArea(full, ImageLimits.Default.WorkingSide / (float)Math.Max(full.Width, full.Height));

        var reduced = ImageDecoder.Decode(png, "big.png");

        Assert.Equal((expected.Width, expected.Height), (reduced.Width, reduced.Height));
        Assert.All(expected.Pixels.Zip(reduced.Pixels), p => Assert.Equal(p.First, p.Second, 1e-5f));
    }
}
