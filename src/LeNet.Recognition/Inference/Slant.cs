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
        offset = Margin(shear, ink.Height);
        return Shear(ink, shear, InkSpans(ink.Pixels, ink.Width, ink.Height), new PixelBox(0, 0, ink.Width + 2 * offset, ink.Height));
    }

    /// <summary>
    /// What <see cref="Remove"/> makes of <paramref name="ink"/>, cut to the rows and columns its ink reaches and a
    /// pixel of paper around them: a line's photo is mostly paper, and the reader has no use for it once the ink is
    /// found. <paramref name="page"/> is the box of <see cref="Remove"/>'s whole image in the cut's coordinates (its
    /// edges are the photo's).
    /// </summary>
    public static GrayImage RemoveAroundInk(GrayImage ink, double shear, out PixelBox page)
    {
        var spans = InkSpans(ink.Pixels, ink.Width, ink.Height);
        var part = InkPart(ink, shear, spans);
        page = new PixelBox(-part.Left, -part.Top, ink.Width + 2 * Margin(shear, ink.Height), ink.Height);
        return Shear(ink, shear, spans, part);
    }

    /// <summary>How many columns <see cref="Remove"/> adds on either side, so that the sheared ink stays inside.</summary>
    private static int Margin(double shear, int height) => (int)Math.Ceiling(Math.Abs(shear) * (height / 2.0)) + 1;

    /// <summary>How far right <see cref="Remove"/> moves row <paramref name="y"/> of an image <paramref name="height"/> rows tall.</summary>
    private static double RowShift(double shear, int y, int height) => -shear * (y - height / 2.0) + Margin(shear, height);

    /// <summary>The box, in <see cref="Remove"/>'s image, of the rows and columns the sheared ink can reach, and a pixel around.</summary>
    private static PixelBox InkPart(GrayImage ink, double shear, (int First, int Last)[] spans)
    {
        var (width, left, right, top, bottom) = (ink.Width + 2 * Margin(shear, ink.Height), int.MaxValue, -1, -1, -1);
        for (var y = 0; y < ink.Height; y++)
        {
            if (spans[y].First < 0)
                continue;
            var (from, to) = Reach(spans[y], RowShift(shear, y, ink.Height));
            (left, right) = (Math.Min(left, from), Math.Max(right, to));
            (top, bottom) = (top < 0 ? y : top, y);
        }
        if (top < 0)
            return new PixelBox(0, 0, 1, 1);
        (left, right) = (Math.Max(0, left - 1), Math.Min(width - 1, right + 1));
        (top, bottom) = (Math.Max(0, top - 1), Math.Min(ink.Height - 1, bottom + 1));
        return new PixelBox(left, top, right - left + 1, bottom - top + 1);
    }

    /// <summary>
    /// The columns of the sheared row that can be other than 0: those whose source lies within a pixel of the row's
    /// ink (<paramref name="span"/>), the row being moved right by <paramref name="shift"/>.
    /// </summary>
    private static (int From, int To) Reach((int First, int Last) span, double shift) =>
        ((int)Math.Floor(span.First - 1 + shift), (int)Math.Ceiling(span.Last + 1 + shift));

    /// <summary>The <paramref name="part"/> of <see cref="Remove"/>'s image, computed only where the ink reaches.</summary>
    private static GrayImage Shear(GrayImage ink, double shear, (int First, int Last)[] spans, PixelBox part)
    {
        var result = GrayImage.Blank(part.Width, part.Height);
        for (var y = part.Top; y < part.Bottom; y++)
        {
            if (spans[y].First < 0)
                continue;
            var shift = RowShift(shear, y, ink.Height);
            var (from, to) = Reach(spans[y], shift);
            for (var x = Math.Max(part.Left, from); x <= Math.Min(part.Right - 1, to); x++)
            {
                var source = x - shift;
                var x0 = (int)Math.Floor(source);
                if (x0 < -1 || x0 >= ink.Width)
                    continue;
                var f = (float)(source - x0);
                var left = x0 >= 0 ? ink[x0, y] : 0;
                var right = x0 + 1 < ink.Width ? ink[x0 + 1, y] : 0;
                result[x - part.Left, y - part.Top] = left * (1 - f) + right * f;
            }
        }
        return result;
    }

    /// <summary>
    /// A map of labels (one int per pixel, row-major) sheared as <see cref="Remove"/> shears the image, by nearest
    /// neighbour, and cut as <see cref="RemoveAroundInk"/> cut it (<paramref name="page"/>, the size
    /// <paramref name="cut"/>); −1 where nothing maps.
    /// </summary>
    public static int[] RemoveFromLabels(int[] labels, int width, int height, double shear, PixelBox page, (int Width, int Height) cut)
    {
        var result = new int[cut.Width * cut.Height];
        Array.Fill(result, -1);
        for (var y = 0; y < cut.Height; y++)
        {
            var shift = RowShift(shear, y - page.Top, height);
            for (var x = 0; x < cut.Width; x++)
            {
                var source = (int)Math.Round(x - page.Left - shift);
                if (source >= 0 && source < width)
                    result[y * cut.Width + x] = labels[(y - page.Top) * width + source];
            }
        }
        return result;
    }

    /// <summary>
    /// The box in the original image (<paramref name="width"/> × <paramref name="height"/>) of a box in an upright image
    /// whose whole is <paramref name="page"/> (see <see cref="RemoveAroundInk"/>; for <see cref="Remove"/>'s image, its
    /// own box).
    /// </summary>
    public static PixelBox Restore(PixelBox box, double shear, PixelBox page, int height, int width)
    {
        var (centre, margin) = (height / 2.0, (page.Width - width) / 2);
        box = box with { Left = box.Left - page.Left, Top = box.Top - page.Top };
        double Original(double x, double y) => x - margin + shear * (y - centre);
        var xs = new[] { Original(box.Left, box.Top), Original(box.Right, box.Top), Original(box.Left, box.Bottom), Original(box.Right, box.Bottom) };
        var left = Math.Clamp((int)Math.Floor(xs.Min()), 0, width - 1);
        var right = Math.Clamp((int)Math.Ceiling(xs.Max()), left + 1, width);
        return new PixelBox(left, box.Top, right - left, box.Height);
    }
}
