namespace LeNet.Inference;

/// <summary>
/// The slant of a line of handwriting, and the line with it removed. Slanted writing makes neighbours overlap
/// horizontally, so that boxes cannot tell characters apart and vertical cuts slice through strokes; upright, they
/// stand side by side. The slant is measured on the near-vertical strokes alone (the sides of loops, the stems of
/// 1, 4, 9): at every stroke edge the direction along the stroke is perpendicular to the ink's gradient, and the
/// slant is the gradient-weighted median of those directions within 40° of vertical. Diagonal strokes (a 7's stem,
/// a 2's back) and round ones barely move a median, as they would a sum.
/// </summary>
public static class Slant
{
    /// <summary>The largest slant removed (about 27°); beyond it the estimate is more likely wrong than the writing.</summary>
    private const double MaxShear = 0.5;
    /// <summary>Edges running within this many degrees of vertical count.</summary>
    private const double NearVerticalDegrees = 40;
    /// <summary>
    /// Slants smaller than this (about 8°) are left alone: resampling blurs the ink a little, and a mild slant is well
    /// within what the network learned from MNIST's writers.
    /// </summary>
    private const double Negligible = 0.15;

    /// <summary>The shear <c>s</c> such that <c>x − s · (y − centre)</c> makes the writing upright; 0 for no ink.</summary>
    public static double Estimate(GrayImage ink)
    {
        var (width, height, pixels) = (ink.Width, ink.Height, ink.Pixels);
        var limit = Math.Tan(NearVerticalDegrees * Math.PI / 180);
        var directions = new List<(double Shear, double Weight)>();
        var spans = InkSpans(pixels, width, height);
        for (var y = 1; y < height - 1; y++)
        {
            // Where rows y − 1 … y + 1 hold no ink there is no gradient: most of a line's photo, above, below and beside
            // the writing.
            var (first, last) = Union(spans[y - 1], Union(spans[y], spans[y + 1]));
            if (first < 0)
                continue;
            var above = pixels.AsSpan((y - 1) * width, width);
            var row = pixels.AsSpan(y * width, width);
            var below = pixels.AsSpan((y + 1) * width, width);
            for (var x = Math.Max(1, first - 1); x <= Math.Min(width - 2, last + 1); x++)
            {
                // Sobel gradient of the ink.
                double gx = above[x + 1] + 2.0 * row[x + 1] + below[x + 1] - above[x - 1] - 2.0 * row[x - 1] - below[x - 1];
                double gy = below[x - 1] + 2.0 * below[x] + below[x + 1] - above[x - 1] - 2.0 * above[x] - above[x + 1];
                if (Math.Abs(gx) < 1e-9)
                    continue;
                var magnitude = Math.Sqrt(gx * gx + gy * gy);
                if (magnitude < 0.5)
                    continue;
                // Along the stroke the direction is (−gy, gx): it moves dx = −gy / gx per row.
                var shear = -gy / gx;
                if (Math.Abs(shear) <= limit)
                    directions.Add((shear, magnitude));
            }
        }
        if (directions.Count == 0)
            return 0;
        directions.Sort((a, b) => a.Shear.CompareTo(b.Shear));
        var half = directions.Sum(d => d.Weight) / 2;
        var median = directions[^1].Shear;
        var total = 0.0;
        foreach (var (direction, weight) in directions)
        {
            total += weight;
            if (total >= half)
            {
                median = direction;
                break;
            }
        }
        var slant = Math.Clamp(median, -MaxShear, MaxShear);
        return Math.Abs(slant) < Negligible ? 0 : slant;
    }

    /// <summary>For each row, its first and last column holding ink; (−1, −1) for a row with none.</summary>
    private static (int First, int Last)[] InkSpans(float[] pixels, int width, int height)
    {
        var spans = new (int First, int Last)[height];
        for (var y = 0; y < height; y++)
        {
            var row = pixels.AsSpan(y * width, width);
            spans[y] = (row.IndexOfAnyExcept(0f), row.LastIndexOfAnyExcept(0f));
        }
        return spans;
    }

    /// <summary>The columns two rows' ink spans cover together (an empty span is (−1, −1)).</summary>
    private static (int First, int Last) Union((int First, int Last) a, (int First, int Last) b) =>
        a.First < 0 ? b : b.First < 0 ? a : (Math.Min(a.First, b.First), Math.Max(a.Last, b.Last));

    /// <summary>
    /// <paramref name="ink"/> sheared by <paramref name="shear"/> about its middle row (linear interpolation along
    /// rows), wide enough to hold it all; <paramref name="offset"/> is the column where old column 0 lands at the middle row.
    /// </summary>
    public static GrayImage Remove(GrayImage ink, double shear, out int offset)
    {
        var centre = ink.Height / 2.0;
        var extra = (int)Math.Ceiling(Math.Abs(shear) * centre) + 1;
        offset = extra;
        var result = GrayImage.Blank(ink.Width + 2 * extra, ink.Height);
        var spans = InkSpans(ink.Pixels, ink.Width, ink.Height);
        for (var y = 0; y < ink.Height; y++)
        {
            // Only the columns whose source lies within a pixel of the row's ink can be other than 0.
            var (first, last) = spans[y];
            if (first < 0)
                continue;
            var shift = -shear * (y - centre) + extra;
            var (from, to) = ((int)Math.Floor(first - 1 + shift), (int)Math.Ceiling(last + 1 + shift));
            for (var x = Math.Max(0, from); x <= Math.Min(result.Width - 1, to); x++)
            {
                var source = x - shift;
                var x0 = (int)Math.Floor(source);
                if (x0 < -1 || x0 >= ink.Width)
                    continue;
                var f = (float)(source - x0);
                var left = x0 >= 0 ? ink[x0, y] : 0;
                var right = x0 + 1 < ink.Width ? ink[x0 + 1, y] : 0;
                result[x, y] = left * (1 - f) + right * f;
            }
        }
        return result;
    }

    /// <summary>
    /// A map of labels (one int per pixel, row-major) sheared as <see cref="Remove"/> shears the image, by nearest
    /// neighbour; −1 where nothing maps.
    /// </summary>
    public static int[] RemoveFromLabels(int[] labels, int width, int height, double shear)
    {
        var centre = height / 2.0;
        var extra = (int)Math.Ceiling(Math.Abs(shear) * centre) + 1;
        var resultWidth = width + 2 * extra;
        var result = new int[resultWidth * height];
        Array.Fill(result, -1);
        for (var y = 0; y < height; y++)
        {
            var shift = -shear * (y - centre) + extra;
            for (var x = 0; x < resultWidth; x++)
            {
                var source = (int)Math.Round(x - shift);
                if (source >= 0 && source < width)
                    result[y * resultWidth + x] = labels[y * width + source];
            }
        }
        return result;
    }

    /// <summary>The box in the original image of a box in the image <see cref="Remove"/> made.</summary>
    public static PixelBox Restore(PixelBox box, double shear, int offset, int height, int width)
    {
        var centre = height / 2.0;
        double Original(double x, double y) => x - offset + shear * (y - centre);
        var xs = new[] { Original(box.Left, box.Top), Original(box.Right, box.Top), Original(box.Left, box.Bottom), Original(box.Right, box.Bottom) };
        var left = Math.Clamp((int)Math.Floor(xs.Min()), 0, width - 1);
        var right = Math.Clamp((int)Math.Ceiling(xs.Max()), left + 1, width);
        return new PixelBox(left, box.Top, right - left, box.Height);
    }
}
