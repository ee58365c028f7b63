namespace LeNet.Inference;

/// <summary>The small set of image operations preprocessing needs, on <see cref="GrayImage"/>.</summary>
public static class ImageOps
{
    /// <summary>
    /// Resizes by <paramref name="scale"/> with area averaging when shrinking (each output pixel is the mean of the
    /// input area it covers, the anti-aliasing MNIST's digits got) and bilinear interpolation when enlarging.
    /// </summary>
    public static GrayImage ResizeArea(GrayImage image, float scale) =>
        Resize(image, Math.Max(1, (int)MathF.Round(image.Width * scale)), Math.Max(1, (int)MathF.Round(image.Height * scale)));

    /// <summary>Resizes to exactly <paramref name="width"/> × <paramref name="height"/> (see <see cref="ResizeArea"/>).</summary>
    public static GrayImage Resize(GrayImage image, int width, int height)
    {
        if (width == image.Width && height == image.Height)
            return image.Clone();
        return width <= image.Width && height <= image.Height ? AreaAverage(image, width, height) : Bilinear(image, width, height);
    }

    private static GrayImage AreaAverage(GrayImage image, int width, int height)
    {
        var result = GrayImage.Blank(width, height);
        var (fx, fy) = ((double)image.Width / width, (double)image.Height / height);
        for (var y = 0; y < height; y++)
        {
            double y0 = y * fy, y1 = y0 + fy;
            for (var x = 0; x < width; x++)
            {
                double x0 = x * fx, x1 = x0 + fx, sum = 0;
                for (var sy = (int)y0; sy < Math.Min(image.Height, (int)Math.Ceiling(y1)); sy++)
                {
                    var wy = Math.Min(y1, sy + 1) - Math.Max(y0, sy);
                    for (var sx = (int)x0; sx < Math.Min(image.Width, (int)Math.Ceiling(x1)); sx++)
                        sum += image[sx, sy] * wy * (Math.Min(x1, sx + 1) - Math.Max(x0, sx));
                }
                result[x, y] = (float)(sum / (fx * fy));
            }
        }
        return result;
    }

    private static GrayImage Bilinear(GrayImage image, int width, int height)
    {
        var result = GrayImage.Blank(width, height);
        var (fx, fy) = ((float)image.Width / width, (float)image.Height / height);
        for (var y = 0; y < height; y++)
        {
            var sy = Math.Clamp((y + 0.5f) * fy - 0.5f, 0, image.Height - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, image.Height - 1);
            var wy = sy - y0;
            for (var x = 0; x < width; x++)
            {
                var sx = Math.Clamp((x + 0.5f) * fx - 0.5f, 0, image.Width - 1);
                int x0 = (int)sx, x1 = Math.Min(x0 + 1, image.Width - 1);
                var wx = sx - x0;
                var top = image[x0, y0] * (1 - wx) + image[x1, y0] * wx;
                var bottom = image[x0, y1] * (1 - wx) + image[x1, y1] * wx;
                result[x, y] = top * (1 - wy) + bottom * wy;
            }
        }
        return result;
    }

    /// <summary>Grey-level erosion (<paramref name="max"/> false) or dilation (true) with a square window of the given radius.</summary>
    public static GrayImage Extremum(GrayImage image, int radius, bool max)
    {
        if (radius <= 0)
            return image.Clone();
        var rows = GrayImage.Blank(image.Width, image.Height);
        var line = new float[Math.Max(image.Width, image.Height)];
        var output = new float[line.Length];
        for (var y = 0; y < image.Height; y++)
        {
            Array.Copy(image.Pixels, y * image.Width, line, 0, image.Width);
            SlidingExtremum(line, image.Width, radius, max, output);
            Array.Copy(output, 0, rows.Pixels, y * image.Width, image.Width);
        }
        var result = GrayImage.Blank(image.Width, image.Height);
        for (var x = 0; x < image.Width; x++)
        {
            for (var y = 0; y < image.Height; y++)
                line[y] = rows[x, y];
            SlidingExtremum(line, image.Height, radius, max, output);
            for (var y = 0; y < image.Height; y++)
                result[x, y] = output[y];
        }
        return result;
    }

    /// <summary>Monotonic-deque running min/max over a window of ±radius: O(n) whatever the radius.</summary>
    private static void SlidingExtremum(float[] values, int length, int radius, bool max, float[] output)
    {
        var deque = new int[length];
        int head = 0, tail = 0, next = 0;
        for (var i = 0; i < length; i++)
        {
            for (; next < length && next <= i + radius; next++)
            {
                while (tail > head && (max ? values[deque[tail - 1]] <= values[next] : values[deque[tail - 1]] >= values[next]))
                    tail--;
                deque[tail++] = next;
            }
            while (deque[head] < i - radius)
                head++;
            output[i] = values[deque[head]];
        }
    }

    /// <summary>Mean over a square window of ±radius (integral image), edges using the part of the window inside.</summary>
    public static GrayImage BoxBlur(GrayImage image, int radius)
    {
        var (w, h) = (image.Width, image.Height);
        var integral = new double[(w + 1) * (h + 1)];
        for (var y = 0; y < h; y++)
        {
            double row = 0;
            for (var x = 0; x < w; x++)
            {
                row += image[x, y];
                integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row;
            }
        }
        var result = GrayImage.Blank(w, h);
        for (var y = 0; y < h; y++)
        {
            int top = Math.Max(0, y - radius), bottom = Math.Min(h, y + radius + 1);
            for (var x = 0; x < w; x++)
            {
                int left = Math.Max(0, x - radius), right = Math.Min(w, x + radius + 1);
                var sum = integral[bottom * (w + 1) + right] - integral[top * (w + 1) + right] - integral[bottom * (w + 1) + left] + integral[top * (w + 1) + left];
                result[x, y] = (float)(sum / ((bottom - top) * (right - left)));
            }
        }
        return result;
    }

    /// <summary>Otsu's threshold: the level that best separates the histogram into two classes.</summary>
    public static float OtsuThreshold(GrayImage image)
    {
        const int Bins = 256;
        var histogram = new double[Bins];
        foreach (var v in image.Pixels)
            histogram[Math.Clamp((int)(v * (Bins - 1) + 0.5f), 0, Bins - 1)]++;
        double total = image.Pixels.Length, sumAll = 0;
        for (var i = 0; i < Bins; i++)
            sumAll += i * histogram[i];
        double weightBackground = 0, sumBackground = 0, best = -1;
        var threshold = 0;
        for (var i = 0; i < Bins; i++)
        {
            weightBackground += histogram[i];
            if (weightBackground == 0)
                continue;
            var weightForeground = total - weightBackground;
            if (weightForeground == 0)
                break;
            sumBackground += i * histogram[i];
            var meanBackground = sumBackground / weightBackground;
            var meanForeground = (sumAll - sumBackground) / weightForeground;
            var between = weightBackground * weightForeground * (meanBackground - meanForeground) * (meanBackground - meanForeground);
            if (between > best)
            {
                best = between;
                threshold = i;
            }
        }
        return (threshold + 0.5f) / (Bins - 1);
    }

    /// <summary>
    /// The value below which <paramref name="fraction"/> of the pixels lie, to 1/1024 (a histogram, not a sort:
    /// linear time on photos of any size).
    /// </summary>
    public static float Percentile(GrayImage image, double fraction)
    {
        const int Bins = 1024;
        Span<int> histogram = stackalloc int[Bins];
        foreach (var v in image.Pixels)
            histogram[Math.Clamp((int)(v * (Bins - 1) + 0.5f), 0, Bins - 1)]++;
        var target = fraction * (image.Pixels.Length - 1);
        long seen = 0;
        for (var bin = 0; bin < Bins; bin++)
        {
            seen += histogram[bin];
            if (seen > target)
                return bin / (float)(Bins - 1);
        }
        return 1;
    }
}
