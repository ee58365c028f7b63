using LeNet.Inference;

namespace LeNet.Tests.Inference;

/// <summary>
/// The fast image operations give what their definitions give: each is compared with a direct, pixel-by-pixel
/// implementation of the same definition (below) on random images of awkward sizes and on flat and stepped ones.
/// </summary>
public sealed class ImageOpsTests
{
    public static TheoryData<int, int, int> Sizes => new() { { 1, 1, 0 }, { 7, 5, 1 }, { 234, 352, 2 }, { 85, 128, 3 }, { 300, 17, 4 }, { 40, 1, 5 }, { 16, 2, 6 } };

    private static GrayImage Random(int width, int height, int seed)
    {
        var random = new Random(seed);
        var image = GrayImage.Blank(width, height);
        for (var i = 0; i < image.Pixels.Length; i++)
            image.Pixels[i] = random.Next(4) == 0 ? 1f : (float)random.NextDouble() * 0.3f; // strokes on noisy paper, with ties
        return image;
    }

    private static void AssertClose(GrayImage expected, GrayImage actual, float tolerance = 1e-6f)
    {
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        for (var i = 0; i < expected.Pixels.Length; i++)
            Assert.True(Math.Abs(expected.Pixels[i] - actual.Pixels[i]) <= tolerance, $"pixel {i}: {expected.Pixels[i]} vs {actual.Pixels[i]}");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Erosion_and_dilation_equal_the_extremum_over_each_clipped_window(int width, int height, int seed)
    {
        var image = Random(width, height, seed);
        foreach (var radius in new[] { 1, 2, 5, 17 })
        {
            AssertClose(Reference.Extremum(image, radius, max: true), ImageOps.Extremum(image, radius, max: true), 0);
            AssertClose(Reference.Extremum(image, radius, max: false), ImageOps.Extremum(image, radius, max: false), 0);
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void An_opening_is_an_erosion_then_a_dilation_over_the_same_window(int width, int height, int seed)
    {
        var image = Random(width, height, seed);
        foreach (var radius in new[] { 1, 2, 12 })
            AssertClose(Reference.Extremum(Reference.Extremum(image, radius, max: false), radius, max: true), ImageOps.Opening(image, radius), 0);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Box_blur_equals_the_mean_over_each_clipped_window(int width, int height, int seed)
    {
        var image = Random(width, height, seed);
        foreach (var radius in new[] { 1, 3 })
        {
            // Blurring a taller image first leaves its values in the pooled scratch rows: no result may depend on
            // what they held (an image one row high once read a scratch row it never wrote).
            ImageOps.BoxBlur(Random(width, height + 2, seed + 1), radius);
            AssertClose(Reference.BoxBlur(image, radius), ImageOps.BoxBlur(image, radius));
        }
        // Wide windows are running sums: rounding drifts by about a millionth over a few hundred rows.
        foreach (var radius in new[] { 4, 12, 40 })
            AssertClose(Reference.BoxBlur(image, radius), ImageOps.BoxBlur(image, radius), 1e-5f);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Resizing_equals_area_averaging_down_and_bilinear_interpolation_up(int width, int height, int seed)
    {
        var image = Random(width, height, seed);
        foreach (var (w, h) in new[] { (1, 1), (Math.Max(1, width / 3), Math.Max(1, height / 2)), (width * 2 + 1, height * 3), (Math.Max(1, width - 1), height) })
            AssertClose(Reference.Resize(image, w, h), ImageOps.Resize(image, w, h));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Percentiles_are_the_sorted_values_to_one_bin(int width, int height, int seed)
    {
        var image = Random(width, height, seed);
        var sorted = image.Pixels.Order().ToArray();
        foreach (var fraction in new[] { 0.0, 0.5, 0.98, 1.0 })
        {
            var exact = sorted[(int)Math.Floor(fraction * (sorted.Length - 1))];
            Assert.InRange(ImageOps.Percentile(image, fraction), exact - 1f / 1023, exact + 1f / 1023);
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Otsus_threshold_maximises_the_variance_between_the_two_classes(int width, int height, int seed)
    {
        var image = Random(width, height, seed);
        var bins = image.Pixels.Select(v => Math.Clamp((int)(v * 255 + 0.5f), 0, 255)).ToArray();
        double Between(int t)
        {
            var (low, high) = (bins.Where(b => b <= t).ToArray(), bins.Where(b => b > t).ToArray());
            return low.Length == 0 || high.Length == 0 ? -1 : (double)low.Length * high.Length * Math.Pow(low.Average() - high.Average(), 2);
        }
        var chosen = (int)(ImageOps.OtsuThreshold(image) * 255 - 0.5f + 0.01f);
        var best = Enumerable.Range(0, 256).Max(Between);
        Assert.Equal(best, Between(chosen), Math.Abs(best) * 1e-9);
    }

    /// <summary>The definitions, computed the slow and obvious way.</summary>
    private static class Reference
    {
        public static GrayImage Extremum(GrayImage image, int radius, bool max)
        {
            var result = GrayImage.Blank(image.Width, image.Height);
            for (var y = 0; y < image.Height; y++)
                for (var x = 0; x < image.Width; x++)
                {
                    var best = max ? float.MinValue : float.MaxValue;
                    for (var sy = Math.Max(0, y - radius); sy <= Math.Min(image.Height - 1, y + radius); sy++)
                        for (var sx = Math.Max(0, x - radius); sx <= Math.Min(image.Width - 1, x + radius); sx++)
                            best = max ? Math.Max(best, image[sx, sy]) : Math.Min(best, image[sx, sy]);
                    result[x, y] = best;
                }
            return result;
        }

        public static GrayImage BoxBlur(GrayImage image, int radius)
        {
            var result = GrayImage.Blank(image.Width, image.Height);
            for (var y = 0; y < image.Height; y++)
                for (var x = 0; x < image.Width; x++)
                {
                    double sum = 0;
                    var count = 0;
                    for (var sy = Math.Max(0, y - radius); sy <= Math.Min(image.Height - 1, y + radius); sy++)
                        for (var sx = Math.Max(0, x - radius); sx <= Math.Min(image.Width - 1, x + radius); sx++)
                            (sum, count) = (sum + image[sx, sy], count + 1);
                    result[x, y] = (float)(sum / count);
                }
            return result;
        }

        public static GrayImage Resize(GrayImage image, int width, int height)
        {
            if (width == image.Width && height == image.Height)
                return image.Clone();
            var result = GrayImage.Blank(width, height);
            var shrink = width <= image.Width && height <= image.Height;
            for (var y = 0; y < height; y++)
                for (var x = 0; x < width; x++)
                    result[x, y] = shrink ? AreaMean(image, x, y, width, height) : Bilinear(image, x, y, width, height);
            return result;
        }

        private static float AreaMean(GrayImage image, int x, int y, int width, int height)
        {
            var (fx, fy) = ((double)image.Width / width, (double)image.Height / height);
            double x0 = x * fx, x1 = x0 + fx, y0 = y * fy, y1 = y0 + fy, sum = 0;
            for (var sy = (int)y0; sy < Math.Min(image.Height, (int)Math.Ceiling(y1)); sy++)
                for (var sx = (int)x0; sx < Math.Min(image.Width, (int)Math.Ceiling(x1)); sx++)
                    sum += image[sx, sy] * (Math.Min(y1, sy + 1) - Math.Max(y0, sy)) * (Math.Min(x1, sx + 1) - Math.Max(x0, sx));
            return (float)(sum / (fx * fy));
        }

        private static float Bilinear(GrayImage image, int x, int y, int width, int height)
        {
            var (fx, fy) = ((float)image.Width / width, (float)image.Height / height);
            var sx = Math.Clamp((x + 0.5f) * fx - 0.5f, 0, image.Width - 1);
            var sy = Math.Clamp((y + 0.5f) * fy - 0.5f, 0, image.Height - 1);
            int x0 = (int)sx, x1 = Math.Min(x0 + 1, image.Width - 1), y0 = (int)sy, y1 = Math.Min(y0 + 1, image.Height - 1);
            var (wx, wy) = (sx - x0, sy - y0);
            var top = image[x0, y0] * (1 - wx) + image[x1, y0] * wx;
            var bottom = image[x0, y1] * (1 - wx) + image[x1, y1] * wx;
            return top * (1 - wy) + bottom * wy;
        }
    }
}
