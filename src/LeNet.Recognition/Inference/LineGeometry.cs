namespace LeNet.Inference;

/// <summary>Where a mark sits relative to its line, in units of the line's digit height.</summary>
/// <param name="LogHeight">ln(mark height / digit height): 0 for a digit, about −2.5 for a minus.</param>
/// <param name="Offset">(mark centre − line centre) / digit height, positive downwards.</param>
/// <param name="Width">Mark width / digit height.</param>
/// <param name="Lean">How far its ink leans in the upright line: columns moved per row, positive to the left going down (a /).</param>
public readonly record struct MarkShape(double LogHeight, double Offset, double Width, double Lean = 0)
{
    /// <summary>Most lean measured: a flat mark (a minus) has no meaningful lean and is capped.</summary>
    public const double MaxLean = 2;

    /// <summary>
    /// The lean of ink at <paramref name="pixels"/> (indices into <paramref name="ink"/>): the slope of
    /// the least-squares line of column on row, weighted by ink, with the sign chosen so that / leans positive.
    /// </summary>
    public static double LeanOf(IEnumerable<int> pixels, GrayImage ink)
    {
        double total = 0, sx = 0, sy = 0, sxy = 0, syy = 0;
        foreach (var index in pixels)
        {
            var (x, y, w) = (index % ink.Width, index / ink.Width, (double)ink.Pixels[index]);
            (total, sx, sy, sxy, syy) = (total + w, sx + w * x, sy + w * y, sxy + w * x * y, syy + w * y * y);
        }
        if (total <= 0)
            return 0;
        var (mx, my) = (sx / total, sy / total);
        var variance = syy / total - my * my;
        var covariance = sxy / total - mx * my;
        return variance < 1 ? 0 : Math.Clamp(-covariance / variance, -MaxLean, MaxLean);
    }
}

/// <summary>
/// A line of writing's digit height and its middle line, which may slope: what the 28 × 28 network input hides
/// (a minus and a one, a dot and a speck, look alike once scaled to fill the box), and what tells them apart.
/// </summary>
/// <param name="Height">The height of a digit in the line, in pixels.</param>
/// <param name="Centre">The middle line's height at column 0, in pixels.</param>
/// <param name="Slope">Its rise per column.</param>
public sealed record LineGeometry(double Height, double Centre, double Slope)
{
    /// <summary>Marks at least this fraction of the tallest mark's height count as full-height characters.</summary>
    private const double TallFraction = 0.45;
    /// <summary>Marks this much smaller than a digit in both directions are dots or specks, not characters.</summary>
    private const double SmallMark = 0.28;

    /// <summary>The middle line's height at column <paramref name="x"/>.</summary>
    public double CentreAt(double x) => Centre + Slope * x;

    /// <summary>The shape of a mark whose ink fills <paramref name="box"/> and leans by <paramref name="lean"/>.</summary>
    public MarkShape Shape(PixelBox box, double lean = 0) => new(
        Math.Log(Math.Max(1, box.Height) / Height),
        (box.Top + box.Height / 2.0 - CentreAt(box.Left + box.Width / 2.0)) / Height,
        box.Width / Height,
        lean);

    /// <summary>Whether a mark is a dot or a speck rather than a character's worth of ink.</summary>
    public bool IsSmall(PixelBox box) => box.Width < SmallMark * Height && box.Height < SmallMark * Height;

    /// <summary>Whether a mark is under half a digit tall: a bar, a dot or a part of a character, never a whole digit.</summary>
    public bool IsShort(PixelBox box) => box.Height < 0.5 * Height;

    /// <summary>
    /// The geometry of a line from the boxes of its ink blobs: the digit height is the (lower) median height of the tall
    /// blobs (digits, brackets; not minus signs or dots), and the middle line is fitted through their centres,
    /// ignoring those more than a third of a digit off it.
    /// </summary>
    public static LineGeometry Estimate(IReadOnlyList<PixelBox> boxes)
    {
        if (boxes.Count == 0)
            return new LineGeometry(1, 0, 0);
        boxes = JoinStacked(boxes);
        var tallest = boxes.Max(b => b.Height);
        var tall = boxes.Where(b => b.Height >= TallFraction * tallest).ToList();
        var height = LowerMedian(tall.Select(b => (double)b.Height));
        var centres = tall.Select(b => (X: b.Left + b.Width / 2.0, Y: b.Top + b.Height / 2.0)).ToList();
        var (centre, slope) = Fit(centres);
        var inliers = centres.Where(c => Math.Abs(c.Y - (centre + slope * c.X)) <= height / 3).ToList();
        if (inliers.Count >= 2 && inliers.Count < centres.Count)
            (centre, slope) = Fit(inliers);
        return new LineGeometry(Math.Max(1, height), centre, slope);
    }

    /// <summary>
    /// The boxes with the parts of one broken character joined: a faint stroke breaks where the pen ran dry, and a 1 in
    /// two halves and a 2 whose arc came apart from its body made a line "12" look half its height (its 2 then seemed too
    /// wide to be one character, and the line was read as nothing). Two marks are parts of one when each is at least
    /// <see cref="PartHeight"/> of the tallest mark's height (the bars of = and the dots of ÷ stay apart), their columns
    /// overlap or nearly meet, and their rows overlap by less than half the shorter one's height: one above the other,
    /// not neighbours leaning into each other side by side.
    /// </summary>
    private static IReadOnlyList<PixelBox> JoinStacked(IReadOnlyList<PixelBox> boxes)
    {
        var minimum = PartHeight * boxes.Max(b => b.Height);
        var parts = boxes.Where(b => b.Height >= minimum).ToList();
        for (var merged = true; merged;)
        {
            merged = false;
            for (var i = 0; i < parts.Count && !merged; i++)
            {
                for (var j = i + 1; j < parts.Count && !merged; j++)
                {
                    if (!Stacked(parts[i], parts[j]))
                        continue;
                    parts[i] = parts[i].Union(parts[j]);
                    parts.RemoveAt(j);
                    merged = true;
                }
            }
        }
        return [.. parts, .. boxes.Where(b => b.Height < minimum)];
    }

    /// <summary>Parts of a character are at least this fraction of the tallest mark's height.</summary>
    private const double PartHeight = 0.2;

    private static bool Stacked(PixelBox a, PixelBox b) =>
        a.ColumnOverlap(b) >= -2 && a.RowOverlap(b) < 0.5 * Math.Min(a.Height, b.Height);

    /// <summary>
    /// The lower of the two middle values (the middle one of an odd count): of a line's two marks the smaller counts, so
    /// a pair of touching characters never sets the size of one.
    /// </summary>
    internal static double LowerMedian(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }

    /// <summary>Least squares through the points; flat through their mean when they span too little to give a slope.</summary>
    private static (double Centre, double Slope) Fit(IReadOnlyList<(double X, double Y)> points)
    {
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var spread = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        if (points.Count < 2 || spread < 1e-6)
            return (meanY, 0);
        var slope = points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / spread;
        // Handwriting on a photo is rarely tilted more than ~15°; a steeper fit comes from an odd mix of marks.
        slope = Math.Clamp(slope, -0.27, 0.27);
        return (meanY - slope * meanX, slope);
    }
}
