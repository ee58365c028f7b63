using System.Buffers;
using System.Numerics;

namespace LeNet.Inference;

/// <summary>Row <paramref name="y"/> of an image being resized (the span may be reused for the next row).</summary>
internal delegate ReadOnlySpan<float> RowSource(int y);

/// <summary>Receives row <paramref name="y"/> of an image being made (the span is reused for the next row).</summary>
internal delegate void RowSink(int y, ReadOnlySpan<float> row);

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
        var across = new float[width];
        var acrossRow = -1; // the source row `across` holds: a row on the border of two output rows serves both
        var perArea = (float)(1 / (columns.Step * rows.Step));
        for (var y = 0; y < height; y++)
        {
            var output = result.Pixels.AsSpan(y * width, width); // the sums, then the means
            for (var k = rows.Start[y]; k < rows.Start[y + 1]; k++)
            {
                if (rows.Index[k] != acrossRow)
                {
                    acrossRow = rows.Index[k];
                    columns.Apply(source(acrossRow), across);
                }
                AddScaled(output, across, rows.Weight[k]);
            }
            ScaleBy(output, perArea);
        }
        return result;
    }

    /// <summary><paramref name="target"/> += <paramref name="values"/> · <paramref name="weight"/>.</summary>
    private static void AddScaled(Span<float> target, ReadOnlySpan<float> values, float weight)
    {
        var (factor, x) = (new Vector<float>(weight), 0);
        for (; x <= target.Length - Vector<float>.Count; x += Vector<float>.Count)
            (new Vector<float>(target[x..]) + new Vector<float>(values[x..]) * factor).CopyTo(target[x..]);
        for (; x < target.Length; x++)
            target[x] += values[x] * weight;
    }

    private static void ScaleBy(Span<float> values, float factor)
    {
        var (scale, x) = (new Vector<float>(factor), 0);
        for (; x <= values.Length - Vector<float>.Count; x += Vector<float>.Count)
            (new Vector<float>(values[x..]) * scale).CopyTo(values[x..]);
        for (; x < values.Length; x++)
            values[x] *= factor;
    }

    private static GrayImage Bilinear(GrayImage image, int width, int height)
    {
        var result = GrayImage.Blank(width, height);
        Bilinear(image, width, height, (y, row) => row.CopyTo(result.Pixels.AsSpan(y * width, width)));
        return result;
    }

    /// <summary>
    /// Enlarges by bilinear interpolation, handing each output row to <paramref name="sink"/> as it is made (top to
    /// bottom, in a buffer reused for the next row), so a caller can consume an enlargement without ever holding it.
    /// Across first, once per source row, then down a whole row at a time in vectors. At the same size every value is
    /// the source's exactly.
    /// </summary>
    internal static void Bilinear(GrayImage image, int width, int height, RowSink sink)
    {
        var (fx, fy) = ((float)image.Width / width, (float)image.Height / height);
        var (left, right, weights) = (new int[width], new int[width], new float[width]);
        for (var x = 0; x < width; x++)
        {
            var sx = Math.Clamp((x + 0.5f) * fx - 0.5f, 0, image.Width - 1);
            left[x] = (int)sx;
            right[x] = Math.Min(left[x] + 1, image.Width - 1);
            weights[x] = sx - left[x];
        }
        // The two source rows the current output row lies between, already interpolated across.
        var (upper, lower, output) = (new float[width], new float[width], new float[width]);
        var (upperRow, lowerRow) = (-1, -1);
        for (var y = 0; y < height; y++)
        {
            var sy = Math.Clamp((y + 0.5f) * fy - 0.5f, 0, image.Height - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, image.Height - 1);
            if (y0 != upperRow)
            {
                if (y0 == lowerRow)
                    (upper, lower, upperRow, lowerRow) = (lower, upper, lowerRow, -1);
                else
                    upperRow = Across(image, y0, left, right, weights, upper);
            }
            if (y1 != lowerRow)
                lowerRow = Across(image, y1, left, right, weights, lower);
            Blend(upper, lower, sy - y0, output);
            sink(y, output);
        }
    }

    /// <summary>Source row <paramref name="y"/> interpolated across to the output's width; returns <paramref name="y"/>.</summary>
    private static int Across(GrayImage image, int y, int[] left, int[] right, float[] weights, float[] output)
    {
        var row = image.Pixels.AsSpan(y * image.Width, image.Width);
        for (var x = 0; x < output.Length; x++)
            output[x] = row[left[x]] * (1 - weights[x]) + row[right[x]] * weights[x];
        return y;
    }

    /// <summary><paramref name="output"/> = <paramref name="upper"/> · (1 − w) + <paramref name="lower"/> · w.</summary>
    private static void Blend(ReadOnlySpan<float> upper, ReadOnlySpan<float> lower, float w, Span<float> output)
    {
        var (keep, take, x) = (new Vector<float>(1 - w), new Vector<float>(w), 0);
        for (; x <= output.Length - Vector<float>.Count; x += Vector<float>.Count)
            (new Vector<float>(upper[x..]) * keep + new Vector<float>(lower[x..]) * take).CopyTo(output[x..]);
        for (; x < output.Length; x++)
            output[x] = upper[x] * (1 - w) + lower[x] * w;
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
        var result = GrayImage.Blank(image.Width, image.Height);
        BoxBlur(image.Pixels, image.Width, image.Height, radius, result.Pixels);
        return result;
    }

    /// <summary><see cref="BoxBlur(GrayImage, int)"/> of a w × h image into <paramref name="result"/> (every value written).</summary>
    internal static void BoxBlur(ReadOnlySpan<float> pixels, int w, int h, int radius, Span<float> result)
    {
        var across = ArrayPool<float>.Shared.Rent(w * h);
        for (var y = 0; y < h; y++)
            WindowSums(pixels.Slice(y * w, w), across.AsSpan(y * w, w), radius);
        var perColumn = new float[w]; // 1 / the window's width at each column
        for (var x = 0; x < w; x++)
            perColumn[x] = 1f / (Math.Min(w - 1, x + radius) - Math.Max(0, x - radius) + 1);
        if (radius > RunningSumRadius)
            RunningColumnSums(across, w, h, radius, perColumn, result);
        else
            DirectColumnSums(across, w, h, radius, perColumn, result);
        ArrayPool<float>.Shared.Return(across);
    }

    /// <summary>
    /// Windows wider than ±this are summed as running sums (each value added once and taken away once: two operations
    /// a pixel, where direct sums take one per window pixel), at the price of rounding drift of about 1e-6.
    /// </summary>
    private const int RunningSumRadius = 3;

    private static void DirectColumnSums(float[] across, int w, int h, int radius, float[] perColumn, Span<float> result)
    {
        for (var y = 0; y < h; y++)
        {
            int top = Math.Max(0, y - radius), bottom = Math.Min(h - 1, y + radius);
            var output = result.Slice(y * w, w);
            across.AsSpan(top * w, w).CopyTo(output);
            for (var row = top + 1; row <= bottom; row++)
                AddInto(output, across.AsSpan(row * w, w));
            Scale(output, perColumn, 1f / (bottom - top + 1));
        }
    }

    private static void RunningColumnSums(float[] across, int w, int h, int radius, float[] perColumn, Span<float> result)
    {
        var window = new float[w];
        for (var row = 0; row <= Math.Min(h - 1, radius); row++)
            AddInto(window, across.AsSpan(row * w, w));
        for (var y = 0; y < h; y++)
        {
            int top = Math.Max(0, y - radius), bottom = Math.Min(h - 1, y + radius);
            var output = result.Slice(y * w, w);
            window.CopyTo(output);
            Scale(output, perColumn, 1f / (bottom - top + 1));
            if (bottom + 1 < h)
                AddInto(window, across.AsSpan((bottom + 1) * w, w));
            if (y - radius >= 0)
                SubtractFrom(window, across.AsSpan(top * w, w));
        }
    }

    /// <summary><paramref name="sums"/>[x] = the sum of <paramref name="row"/> over [x − radius, x + radius] ∩ the row.</summary>
    private static void WindowSums(ReadOnlySpan<float> row, Span<float> sums, int radius)
    {
        if (radius > RunningSumRadius)
        {
            var sum = 0f;
            for (var x = 0; x <= Math.Min(row.Length - 1, radius); x++)
                sum += row[x];
            for (var x = 0; x < row.Length; x++)
            {
                sums[x] = sum;
                if (x + radius + 1 < row.Length)
                    sum += row[x + radius + 1];
                if (x - radius >= 0)
                    sum -= row[x - radius];
            }
            return;
        }
        row.CopyTo(sums);
        for (var shift = 1; shift <= Math.Min(radius, row.Length - 1); shift++)
        {
            AddInto(sums[..^shift], row[shift..]);  // the pixel `shift` to the right
            AddInto(sums[shift..], row[..^shift]);  // and to the left
        }
    }

    private static void SubtractFrom(Span<float> target, ReadOnlySpan<float> values)
    {
        var x = 0;
        for (; x <= target.Length - Vector<float>.Count; x += Vector<float>.Count)
            (new Vector<float>(target[x..]) - new Vector<float>(values[x..])).CopyTo(target[x..]);
        for (; x < target.Length; x++)
            target[x] -= values[x];
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
    public static float OtsuThreshold(GrayImage image) => OtsuThreshold(image.Pixels);

    /// <summary>Otsu's threshold of values in [0, 1], over 256 bins.</summary>
    internal static float OtsuThreshold(ReadOnlySpan<float> values)
    {
        Span<int> bins = stackalloc int[256];
        Histogram.Count(values, bins);
        return Histogram.Otsu(bins);
    }

    /// <summary>
    /// The value below which <paramref name="fraction"/> of the pixels lie, to 1/1024 (a histogram, not a sort:
    /// linear time on photos of any size).
    /// </summary>
    public static float Percentile(GrayImage image, double fraction)
    {
        Span<int> bins = stackalloc int[PercentileBins];
        Histogram.Count(image.Pixels, bins);
        return Histogram.Percentile(bins, image.Pixels.Length, fraction);
    }

    /// <summary>The bins of <see cref="Percentile"/>: its values are exact to 1/1023.</summary>
    internal const int PercentileBins = 1024;
}
