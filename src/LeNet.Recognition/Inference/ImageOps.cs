using System.Buffers;
using System.Numerics;

namespace LeNet.Inference;

/// <summary>Row <paramref name="y"/> of an image being resized (the span may be reused for the next row).</summary>
internal delegate ReadOnlySpan<float> RowSource(int y);

/// <summary>The small set of image operations preprocessing needs, on <see cref="GrayImage"/>.</summary>
public static class ImageOps
{
    /// <summary>
    /// Resizes by <paramref name="scale"/> with area averaging when shrinking (each output pixel is the mean of the
    /// input area it covers, the anti-aliasing MNIST's digits got) and bilinear interpolation when enlarging.
    /// </summary>
    public static GrayImage ResizeArea(GrayImage image, float scale) => Resize(image, ScaledSize(image.Width, scale), ScaledSize(image.Height, scale));

    /// <summary>A side of <paramref name="side"/> pixels scaled by <paramref name="scale"/> (at least one pixel).</summary>
    internal static int ScaledSize(int side, float scale) => Math.Max(1, (int)MathF.Round(side * scale));

    /// <summary>Resizes to exactly <paramref name="width"/> × <paramref name="height"/> (see <see cref="ResizeArea"/>).</summary>
    public static GrayImage Resize(GrayImage image, int width, int height)
    {
        if (width == image.Width && height == image.Height)
            return image.Clone();
        return width <= image.Width && height <= image.Height ? AreaAverage(image, width, height) : Bilinear(image, width, height);
    }

    private static GrayImage AreaAverage(GrayImage image, int width, int height) =>
        AreaAverage(image.Width, image.Height, width, height, y => image.Pixels.AsSpan(y * image.Width, image.Width));

    /// <summary>
    /// Shrinks a source delivered one row at a time (each row asked for once, top to bottom, so a decoder can convert
    /// rows as they are needed and never hold the whole image). Separable: across each source row, then down each
    /// output column.
    /// </summary>
    internal static GrayImage AreaAverage(int sourceWidth, int sourceHeight, int width, int height, RowSource source)
    {
        var columns = AreaWeights.For(sourceWidth, width);
        var rows = AreaWeights.For(sourceHeight, height);
        var result = GrayImage.Blank(width, height);
        var (across, sums) = (new double[width], new double[width]);
        var acrossRow = -1; // the source row `across` holds: a row on the border of two output rows serves both
        var area = columns.Step * rows.Step;
        for (var y = 0; y < height; y++)
        {
            Array.Clear(sums);
            for (var k = rows.Start[y]; k < rows.Start[y + 1]; k++)
            {
                if (rows.Index[k] != acrossRow)
                {
                    acrossRow = rows.Index[k];
                    columns.Apply(source(acrossRow), across);
                }
                var weight = rows.Weight[k];
                for (var x = 0; x < width; x++)
                    sums[x] += across[x] * weight;
            }
            var output = result.Pixels.AsSpan(y * width, width);
            for (var x = 0; x < width; x++)
                output[x] = (float)(sums[x] / area);
        }
        return result;
    }

    private static GrayImage Bilinear(GrayImage image, int width, int height)
    {
        var result = GrayImage.Blank(width, height);
        var (fx, fy) = ((float)image.Width / width, (float)image.Height / height);
        var (left, right, weights) = (new int[width], new int[width], new float[width]);
        for (var x = 0; x < width; x++)
        {
            var sx = Math.Clamp((x + 0.5f) * fx - 0.5f, 0, image.Width - 1);
            left[x] = (int)sx;
            right[x] = Math.Min(left[x] + 1, image.Width - 1);
            weights[x] = sx - left[x];
        }
        // Down first, then across: each output row interpolates two source rows once, then gathers two values a pixel.
        var source = image.Pixels;
        var between = new float[image.Width];
        for (var y = 0; y < height; y++)
        {
            var sy = Math.Clamp((y + 0.5f) * fy - 0.5f, 0, image.Height - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, image.Height - 1);
            var wy = sy - y0;
            var upper = source.AsSpan(y0 * image.Width, image.Width);
            var lower = source.AsSpan(y1 * image.Width, image.Width);
            for (var x = 0; x < image.Width; x++)
                between[x] = upper[x] * (1 - wy) + lower[x] * wy;
            var output = result.Pixels.AsSpan(y * width, width);
            for (var x = 0; x < width; x++)
                output[x] = between[left[x]] * (1 - weights[x]) + between[right[x]] * weights[x];
        }
        return result;
    }

    /// <summary>Grey-level erosion (<paramref name="max"/> false) or dilation (true) with a square window of the given radius.</summary>
    public static GrayImage Extremum(GrayImage image, int radius, bool max)
    {
        if (radius <= 0)
            return image.Clone();
        var (w, h) = (image.Width, image.Height);
        var rows = ArrayPool<float>.Shared.Rent(w * h);
        var deque = new int[w];
        for (var y = 0; y < h; y++)
            SlidingExtremum(image.Pixels.AsSpan(y * w, w), radius, max, rows.AsSpan(y * w, w), deque);
        var result = VerticalExtremum(rows, w, h, radius, max);
        ArrayPool<float>.Shared.Return(rows);
        return new GrayImage(w, h, result);
    }

    /// <summary>
    /// The running min/max down the columns, whole rows at a time (van Herk/Gil-Werman): blocks of 2·radius+1 rows
    /// get prefix and suffix extrema, and each output row is the extremum of one suffix row and one prefix row —
    /// three vector operations per pixel whatever the radius. Windows are clipped at the image's edges.
    /// </summary>
    private static float[] VerticalExtremum(float[] source, int w, int h, int radius, bool max)
    {
        var block = 2 * radius + 1;
        var (prefix, suffix) = (ArrayPool<float>.Shared.Rent(w * h), ArrayPool<float>.Shared.Rent(w * h));
        for (var start = 0; start < h; start += block)
        {
            var end = Math.Min(h, start + block);
            source.AsSpan(start * w, w).CopyTo(prefix.AsSpan(start * w, w));
            for (var y = start + 1; y < end; y++)
                Combine(prefix.AsSpan((y - 1) * w, w), source.AsSpan(y * w, w), prefix.AsSpan(y * w, w), max);
            source.AsSpan((end - 1) * w, w).CopyTo(suffix.AsSpan((end - 1) * w, w));
            for (var y = end - 2; y >= start; y--)
                Combine(suffix.AsSpan((y + 1) * w, w), source.AsSpan(y * w, w), suffix.AsSpan(y * w, w), max);
        }
        var result = new float[w * h];
        for (var y = 0; y < h; y++)
        {
            // Rows y − radius … y + radius: a suffix from the block of the first, a prefix in the block of the last.
            int first = Math.Max(0, y - radius), last = Math.Min(h - 1, y + radius);
            var output = result.AsSpan(y * w, w);
            if (first / block != last / block)
                Combine(suffix.AsSpan(first * w, w), prefix.AsSpan(last * w, w), output, max);
            else if (first % block == 0)
                prefix.AsSpan(last * w, w).CopyTo(output); // starts a block (a full window, or clipped at the top)
            else
                suffix.AsSpan(first * w, w).CopyTo(output); // ends the last, partial block (clipped at the bottom)
        }
        ArrayPool<float>.Shared.Return(prefix);
        ArrayPool<float>.Shared.Return(suffix);
        return result;
    }

    private static void Combine(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output, bool max)
    {
        var x = 0;
        for (; x <= output.Length - Vector<float>.Count; x += Vector<float>.Count)
        {
            var (u, v) = (new Vector<float>(a[x..]), new Vector<float>(b[x..]));
            (max ? Vector.Max(u, v) : Vector.Min(u, v)).CopyTo(output[x..]);
        }
        for (; x < output.Length; x++)
            output[x] = max ? Math.Max(a[x], b[x]) : Math.Min(a[x], b[x]);
    }

    /// <summary>Monotonic-deque running min/max over a window of ±radius: O(n) whatever the radius.</summary>
    private static void SlidingExtremum(ReadOnlySpan<float> values, int radius, bool max, Span<float> output, int[] deque)
    {
        var length = values.Length;
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

    /// <summary>
    /// Mean over a square window of ±radius, edges using the part of the window inside. Separable, and each pass adds
    /// whole shifted rows as vectors (clipping falls out of the shifts), so the small windows preprocessing uses cost a
    /// few vector additions per pixel.
    /// </summary>
    public static GrayImage BoxBlur(GrayImage image, int radius)
    {
        var (w, h) = (image.Width, image.Height);
        var across = ArrayPool<float>.Shared.Rent(w * h);
        for (var y = 0; y < h; y++)
            WindowSums(image.Pixels.AsSpan(y * w, w), across.AsSpan(y * w, w), radius);
        var perColumn = new float[w]; // 1 / the window's width at each column
        for (var x = 0; x < w; x++)
            perColumn[x] = 1f / (Math.Min(w - 1, x + radius) - Math.Max(0, x - radius) + 1);
        var result = GrayImage.Blank(w, h);
        for (var y = 0; y < h; y++)
        {
            int top = Math.Max(0, y - radius), bottom = Math.Min(h - 1, y + radius);
            var output = result.Pixels.AsSpan(y * w, w);
            across.AsSpan(top * w, w).CopyTo(output);
            for (var row = top + 1; row <= bottom; row++)
                AddInto(output, across.AsSpan(row * w, w));
            Scale(output, perColumn, 1f / (bottom - top + 1));
        }
        ArrayPool<float>.Shared.Return(across);
        return result;
    }

    /// <summary><paramref name="sums"/>[x] = the sum of <paramref name="row"/> over [x − radius, x + radius] ∩ the row.</summary>
    private static void WindowSums(ReadOnlySpan<float> row, Span<float> sums, int radius)
    {
        row.CopyTo(sums);
        for (var shift = 1; shift <= Math.Min(radius, row.Length - 1); shift++)
        {
            AddInto(sums[..^shift], row[shift..]);  // the pixel `shift` to the right
            AddInto(sums[shift..], row[..^shift]);  // and to the left
        }
    }

    private static void AddInto(Span<float> target, ReadOnlySpan<float> values)
    {
        var x = 0;
        for (; x <= target.Length - Vector<float>.Count; x += Vector<float>.Count)
            (new Vector<float>(target[x..]) + new Vector<float>(values[x..])).CopyTo(target[x..]);
        for (; x < target.Length; x++)
            target[x] += values[x];
    }

    private static void Scale(Span<float> values, ReadOnlySpan<float> perColumn, float perRow)
    {
        var x = 0;
        for (; x <= values.Length - Vector<float>.Count; x += Vector<float>.Count)
            (new Vector<float>(values[x..]) * new Vector<float>(perColumn[x..]) * perRow).CopyTo(values[x..]);
        for (; x < values.Length; x++)
            values[x] = values[x] * perColumn[x] * perRow;
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
