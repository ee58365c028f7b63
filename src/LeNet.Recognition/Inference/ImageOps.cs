using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

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
    /// rows as they are needed and never hold the whole image). Separable: down first, adding whole source rows in
    /// vectors into the sum of one output row, then across that sum, so the per-pixel lookups of the across pass are
    /// made on output rows only.
    /// </summary>
    internal static GrayImage AreaAverage(int sourceWidth, int sourceHeight, int width, int height, RowSource source)
    {
        var columns = AreaWeights.For(sourceWidth, width);
        var rows = AreaWeights.For(sourceHeight, height);
        var result = GrayImage.Blank(width, height);
        var down = new float[sourceWidth];
        // A source row on the border of two output rows serves both: it is kept rather than asked for again.
        var (shared, sharedRow) = (new float[sourceWidth], -1);
        var perArea = (float)(1 / (columns.Step * rows.Step));
        for (var y = 0; y < height; y++)
        {
            Array.Clear(down);
            for (var k = rows.Start[y]; k < rows.Start[y + 1]; k++)
            {
                var index = rows.Index[k];
                ReadOnlySpan<float> row;
                if (index == sharedRow)
                    row = shared;
                else
                {
                    row = source(index);
                    if (y + 1 < height && rows.Index[rows.Start[y + 1]] == index)
                    {
                        row.CopyTo(shared);
                        sharedRow = index;
                    }
                }
                TensorPrimitives.MultiplyAdd(row[..down.Length], rows.Weight[k], down, down);
            }
            var output = result.Pixels.AsSpan(y * width, width);
            columns.Apply(down, output);
            TensorPrimitives.Multiply(output, perArea, output);
        }
        return result;
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
            TensorPrimitives.Lerp(upper, lower, sy - y0, output);
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

    /// <summary>
    /// Grey-level erosion (<paramref name="max"/> false) or dilation (true) with a square window of the given radius:
    /// down the columns, then down the columns of the transposed result (the rows), so both passes run on whole rows
    /// of vectors.
    /// </summary>
    public static GrayImage Extremum(GrayImage image, int radius, bool max)
    {
        if (radius <= 0)
            return image.Clone();
        var (w, h) = (image.Width, image.Height);
        var (a, b) = (ArrayPool<float>.Shared.Rent(w * h), ArrayPool<float>.Shared.Rent(w * h));
        VerticalExtremum(image.Pixels, w, h, radius, max, a);
        Transpose(a, w, h, b);
        VerticalExtremum(b, h, w, radius, max, a);
        var result = new float[w * h];
        Transpose(a, h, w, result);
        ArrayPool<float>.Shared.Return(a);
        ArrayPool<float>.Shared.Return(b);
        return new GrayImage(w, h, result);
    }

    /// <summary>
    /// Grey-level opening (an erosion, then a dilation) with a square window of the given radius: bright details
    /// narrower than the window vanish. The same as <see cref="Extremum"/> twice, with the passes across done back to
    /// back between a single pair of transposes.
    /// </summary>
    public static GrayImage Opening(GrayImage image, int radius)
    {
        if (radius <= 0)
            return image.Clone();
        var (w, h) = (image.Width, image.Height);
        var (a, b) = (ArrayPool<float>.Shared.Rent(w * h), ArrayPool<float>.Shared.Rent(w * h));
        VerticalExtremum(image.Pixels, w, h, radius, max: false, a);
        Transpose(a, w, h, b);
        VerticalExtremum(b, h, w, radius, max: false, a);
        VerticalExtremum(a, h, w, radius, max: true, b);
        Transpose(b, h, w, a);
        var result = new float[w * h];
        VerticalExtremum(a, w, h, radius, max: true, result);
        ArrayPool<float>.Shared.Return(a);
        ArrayPool<float>.Shared.Return(b);
        return new GrayImage(w, h, result);
    }

    /// <summary><paramref name="result"/> = the h × w transpose of a w × h image, in tiles that stay in cache.</summary>
    internal static void Transpose(ReadOnlySpan<float> source, int w, int h, Span<float> result)
    {
        const int Tile = 16;
        for (var y0 = 0; y0 < h; y0 += Tile)
            for (var x0 = 0; x0 < w; x0 += Tile)
                for (var y = y0; y < Math.Min(h, y0 + Tile); y++)
                    for (var x = x0; x < Math.Min(w, x0 + Tile); x++)
                        result[x * h + y] = source[y * w + x];
    }

    /// <summary>
    /// <paramref name="result"/> (not <paramref name="source"/>) = the running min/max down the columns, whole rows at
    /// a time (van Herk/Gil-Werman): blocks of 2·radius+1 rows get prefix and suffix extrema, and each output row is
    /// the extremum of one suffix row and one prefix row — three vector operations per pixel whatever the radius.
    /// Windows are clipped at the image's edges.
    /// </summary>
    private static void VerticalExtremum(ReadOnlySpan<float> source, int w, int h, int radius, bool max, Span<float> result)
    {
        var block = 2 * radius + 1;
        var (prefix, suffix) = (ArrayPool<float>.Shared.Rent(w * h), ArrayPool<float>.Shared.Rent(w * h));
        for (var start = 0; start < h; start += block)
        {
            var end = Math.Min(h, start + block);
            source.Slice(start * w, w).CopyTo(prefix.AsSpan(start * w, w));
            for (var y = start + 1; y < end; y++)
                Combine(prefix.AsSpan((y - 1) * w, w), source.Slice(y * w, w), prefix.AsSpan(y * w, w), max);
            source.Slice((end - 1) * w, w).CopyTo(suffix.AsSpan((end - 1) * w, w));
            for (var y = end - 2; y >= start; y--)
                Combine(suffix.AsSpan((y + 1) * w, w), source.Slice(y * w, w), suffix.AsSpan(y * w, w), max);
        }
        for (var y = 0; y < h; y++)
        {
            // Rows y − radius … y + radius: a suffix from the block of the first, a prefix in the block of the last.
            int first = Math.Max(0, y - radius), last = Math.Min(h - 1, y + radius);
            var output = result.Slice(y * w, w);
            if (first / block != last / block)
                Combine(suffix.AsSpan(first * w, w), prefix.AsSpan(last * w, w), output, max);
            else if (first % block == 0)
                prefix.AsSpan(last * w, w).CopyTo(output); // starts a block (a full window, or clipped at the top)
            else
                suffix.AsSpan(first * w, w).CopyTo(output); // ends the last, partial block (clipped at the bottom)
        }
        ArrayPool<float>.Shared.Return(prefix);
        ArrayPool<float>.Shared.Return(suffix);
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
        var perColumn = new float[w]; // 1 / the window's width at each column
        for (var x = 0; x < w; x++)
            perColumn[x] = 1f / (Math.Min(w - 1, x + radius) - Math.Max(0, x - radius) + 1);
        // Blur3 reads two rows at least: an image one row high takes the general path.
        if (radius == 1 && w >= 2 * Vector<float>.Count && h >= 2)
        {
            Blur3(pixels, w, h, perColumn, result);
            return;
        }
        if (radius <= RunningSumRadius)
        {
            DirectSums(pixels, w, h, radius, perColumn, result);
            return;
        }
        var across = ArrayPool<float>.Shared.Rent(w * h);
        for (var y = 0; y < h; y++)
            WindowSums(pixels.Slice(y * w, w), across.AsSpan(y * w, w), radius);
        RunningColumnSums(across, w, h, radius, perColumn, result);
        ArrayPool<float>.Shared.Return(across);
    }

    /// <summary>
    /// Windows wider than ±this are summed as running sums (each value added once and taken away once: two operations
    /// a pixel, where direct sums take one per window pixel), at the price of rounding drift of about 1e-6.
    /// </summary>
    private const int RunningSumRadius = 3;

    /// <summary>
    /// The 3 × 3 mean (the mask's smoothing, on every photo): each row's sums across are made in one pass of vectors
    /// and each output row in one more, the same additions in the same order as <see cref="DirectSums"/>.
    /// </summary>
    private static void Blur3(ReadOnlySpan<float> pixels, int w, int h, float[] perColumn, Span<float> result)
    {
        var ring = ArrayPool<float>.Shared.Rent(3 * w);
        var summed = -1;
        for (var y = 0; y < h; y++)
        {
            int top = Math.Max(0, y - 1), bottom = Math.Min(h - 1, y + 1);
            for (; summed < bottom; summed++)
                Sums3(pixels.Slice((summed + 1) * w, w), ring.AsSpan((summed + 1) % 3 * w, w));
            var output = result.Slice(y * w, w);
            var first = ring.AsSpan(top % 3 * w, w);
            var second = ring.AsSpan((top + 1) % 3 * w, w);
            var perRow = 1f / (bottom - top + 1);
            if (bottom - top == 2)
                MeanOf3(first, second, ring.AsSpan(bottom % 3 * w, w), perColumn, perRow, output);
            else
                MeanOf2(first, second, perColumn, perRow, output);
        }
        ArrayPool<float>.Shared.Return(ring);
    }

    /// <summary><paramref name="sums"/>[x] = row[x] + row[x + 1] + row[x − 1] (the ends: two pixels).</summary>
    private static void Sums3(ReadOnlySpan<float> row, Span<float> sums)
    {
        var (n, lanes) = (row.Length, Vector<float>.Count);
        sums[0] = row[0] + row[1];
        var x = 1;
        for (; x <= n - 1 - lanes; x += lanes)
            (new Vector<float>(row.Slice(x, lanes)) + new Vector<float>(row.Slice(x + 1, lanes)) + new Vector<float>(row.Slice(x - 1, lanes))).CopyTo(sums.Slice(x, lanes));
        for (; x < n - 1; x++)
            sums[x] = row[x] + row[x + 1] + row[x - 1];
        sums[n - 1] = row[n - 1] + row[n - 2];
    }

    private static void MeanOf3(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, ReadOnlySpan<float> perColumn, float perRow, Span<float> output)
    {
        var (lanes, scale, x) = (Vector<float>.Count, new Vector<float>(perRow), 0);
        for (; x <= output.Length - lanes; x += lanes)
        {
            var sum = new Vector<float>(a.Slice(x, lanes)) + new Vector<float>(b.Slice(x, lanes)) + new Vector<float>(c.Slice(x, lanes));
            (sum * new Vector<float>(perColumn.Slice(x, lanes)) * scale).CopyTo(output.Slice(x, lanes));
        }
        for (; x < output.Length; x++)
            output[x] = (a[x] + b[x] + c[x]) * perColumn[x] * perRow;
    }

    private static void MeanOf2(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> perColumn, float perRow, Span<float> output)
    {
        for (var x = 0; x < output.Length; x++)
            output[x] = (a[x] + b[x]) * perColumn[x] * perRow;
    }

    /// <summary>
    /// Small windows: the sums across of the window's 2·radius+1 rows are kept in a ring as the window moves down, so
    /// each row is summed across once and nothing image-sized is held besides the result.
    /// </summary>
    private static void DirectSums(ReadOnlySpan<float> pixels, int w, int h, int radius, float[] perColumn, Span<float> result)
    {
        var span = 2 * radius + 1;
        var ring = ArrayPool<float>.Shared.Rent(span * w);
        var summed = -1; // the last row whose sums across are in the ring
        for (var y = 0; y < h; y++)
        {
            int top = Math.Max(0, y - radius), bottom = Math.Min(h - 1, y + radius);
            for (; summed < bottom; summed++)
                WindowSums(pixels.Slice((summed + 1) * w, w), ring.AsSpan((summed + 1) % span * w, w), radius);
            var output = result.Slice(y * w, w);
            ring.AsSpan(top % span * w, w).CopyTo(output);
            for (var row = top + 1; row <= bottom; row++)
                TensorPrimitives.Add(output, ring.AsSpan(row % span * w, w), output);
            Scale(output, perColumn, 1f / (bottom - top + 1));
        }
        ArrayPool<float>.Shared.Return(ring);
    }

    private static void RunningColumnSums(float[] across, int w, int h, int radius, float[] perColumn, Span<float> result)
    {
        var window = new float[w];
        for (var row = 0; row <= Math.Min(h - 1, radius); row++)
            TensorPrimitives.Add(window, across.AsSpan(row * w, w), window);
        for (var y = 0; y < h; y++)
        {
            int top = Math.Max(0, y - radius), bottom = Math.Min(h - 1, y + radius);
            var output = result.Slice(y * w, w);
            window.CopyTo(output);
            Scale(output, perColumn, 1f / (bottom - top + 1));
            if (bottom + 1 < h)
                TensorPrimitives.Add(window, across.AsSpan((bottom + 1) * w, w), window);
            if (y - radius >= 0)
                TensorPrimitives.Subtract(window, across.AsSpan(top * w, w), window);
        }
    }

    /// <summary><paramref name="sums"/>[x] = the sum of <paramref name="row"/> over [x − radius, x + radius] ∩ the row.</summary>
    internal static void WindowSums(ReadOnlySpan<float> row, Span<float> sums, int radius)
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
            TensorPrimitives.Add(sums[..^shift], row[shift..], sums[..^shift]);  // the pixel `shift` to the right
            TensorPrimitives.Add(sums[shift..], row[..^shift], sums[shift..]);  // and to the left
        }
    }

    /// <summary><paramref name="values"/>[x] ×= <paramref name="perColumn"/>[x] · <paramref name="perRow"/>.</summary>
    private static void Scale(Span<float> values, ReadOnlySpan<float> perColumn, float perRow)
    {
        TensorPrimitives.Multiply(values, perColumn, values);
        TensorPrimitives.Multiply(values, perRow, values);
    }

    private static void Combine(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output, bool max)
    {
        if (max)
            TensorPrimitives.Max(a, b, output);
        else
            TensorPrimitives.Min(a, b, output);
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
