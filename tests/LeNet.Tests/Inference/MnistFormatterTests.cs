using LeNet.Inference;

namespace LeNet.Tests.Inference;

public sealed class MnistFormatterTests
{
    /// <summary>A faint, thin stroke: formatting stretches it to full strength and, at some sizes, thickens it.</summary>
    private static GrayImage Stroke(int width, int height)
    {
        var image = GrayImage.Blank(width, height);
        for (var y = 0; y < height; y++)
            image[Math.Min(width - 1, y * width / height), y] = 0.5f;
        return image;
    }

    [Theory]
    [InlineData(20, 20)] // fitted in 20 × 20 as it is: no resizing
    [InlineData(12, 60)] // thin once scaled: thickened
    [InlineData(90, 45)] // shrunk
    public void Formatting_all_of_an_image_gives_what_a_crop_of_it_gives_and_leaves_it_as_it_was(int width, int height)
    {
        var image = Stroke(width, height);
        var untouched = image.Clone();
        var page = GrayImage.Blank(width + 30, height + 20);
        for (var y = 0; y < height; y++)
            image.Pixels.AsSpan(y * width, width).CopyTo(page.Pixels.AsSpan((y + 7) * page.Width + 11, width));

        var whole = MnistFormatter.Format(image, new PixelBox(0, 0, width, height));
        var cropped = MnistFormatter.Format(page, new PixelBox(11, 7, width, height));

        Assert.Equal(cropped.Pixels, whole.Pixels);
        Assert.Equal(untouched.Pixels, image.Pixels);
        Assert.Equal(1f, whole.Pixels.Max());
    }
}
