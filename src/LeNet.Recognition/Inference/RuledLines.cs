using System.Buffers;
using System.Numerics.Tensors;

namespace LeNet.Inference;

/// <summary>
/// The printed rules of ruled and squared paper, found in extracted ink (bright on black) and lifted out of it where no
/// stroke crosses them. A rule crossing a line of writing joins its characters into one mark the width of the photo,
/// which the reader cannot take apart; lifted, the characters are read as on plain paper.
/// </summary>
/// <remarks>
/// A rule is thin, straight or nearly so, and runs across the paper: the photo is cut into strips 16 pixels wide, a
/// strip holds a rule at a height where most of its columns are marked there, and the rules are the lines, at the
/// photo's one turn (searched up to 6° either way), held by 60 % of the strips they cross, the first and last of
/// those 90 % of the crossing apart, crossing at least 40 % of the photo (one leaving it at a corner): a 7's bar or a
/// lone minus photographed close spans no photo. Each rule is then followed column by column, and the print of all
/// the rules (their thickness and strength in most columns) decides what goes: marks no thicker than a rule, and
/// about the rule's course whatever is fainter than a pen's stroke. A stroke crossing a rule makes its column's marks
/// thicker and stays whole; a stroke lying along a rule stays where it is stronger than the print (a rule printed as
/// dark as the pen's ink cannot tell them apart). The places of the rules' grid where none was found are looked at
/// again: a rule mostly outside the photo, or faint in a dim corner of it, is lifted too (<see cref="RuleGrid"/>).
/// Squared paper's rules down the page are found in the photo turned a quarter, as rules across it, and kept only on
/// the grid the rules across make, printed as they are: a stroke of the writing running down the photo is not one.
/// Hand-written: the imaging libraries this project can use decode
/// and draw but find no lines, and a native vision library (Hough lines, morphology) would weigh many times the
/// reader it serves.
/// </remarks>
public static class RuledLines
{
    /// <summary>Ink at least this strong is marked: a light rule printed a sixth as dark as the pen.</summary>
    private const float Level = 0.2f;
    /// <summary>…and this many times the spread of the paper's grain (a quartile from its median) above the paper.</summary>
    private const float Grain = 6;
    /// <summary>The width of a strip, pixels.</summary>
    private const int Strip = 16;
    /// <summary>A strip holds a rule at a height where at least this share of its columns is marked within a row of it.</summary>
    private const double Filled = 0.75;
    /// <summary>A rule is held by at least this share of the strips…</summary>
    private const double Support = 0.6;
    /// <summary>…the first and last of them this share of the strips it crosses apart…</summary>
    private const double Span = 0.9;
    /// <summary>…and it crosses at least this share of the photo's width (a rule leaving the photo at a corner).</summary>
    private const double Reach = 0.4;
    /// <summary>A rule the grid of the others places is one where this share of the strips it crosses holds it.</summary>
    private const double FaintSupport = 0.3;
    /// <summary>A rule down squared paper's page that lies on no grid of others is one only where it runs down nearly all the photo, held nearly all the way.</summary>
    private const double Whole = 0.9;
    /// <summary>The farthest a rule is followed from the straight line found, pixels: paper bends a little.</summary>
    private const double MaxDrift = 4;
    /// <summary>The largest turn of the rules searched, degrees.</summary>
    private const double MaxTurn = 6;

    /// <summary>Lifts the rules out of <paramref name="ink"/>, in place; returns how many were found.</summary>
    public static int Remove(GrayImage ink)
    {
        if (ink.Width < 4 * Strip || ink.Height < 8)
            return 0;
        var across = Find(ink, across: null);
        if (across is null)
            return 0;
        var down = FindDown(ink, across);
        foreach (var course in across.Courses)
            Lift(ink, course, across.Print, across.Level);
        if (down is not null)
            LiftDown(ink, down, across.Print);
        return across.Offsets.Count + (down?.Offsets.Count ?? 0);
    }

    /// <summary>
    /// The rules down the page of squared paper, found as rules across the photo turned a quarter (transposed) that
    /// lie on the grid the rules across make (<see cref="RuleGrid"/>). Found before the rules across are lifted,
    /// which would break them where they cross.
    /// </summary>
    private static Rules? FindDown(GrayImage ink, Rules across)
    {
        if (ink.Height < 4 * Strip)
            return null;
        return Find(Transposed(ink), across);
    }

    /// <summary>
    /// Lifts the rules down the page, printed as the rules across are, once those are lifted: followed again, where
    /// the rules across no longer cross them, their marks are thin all the way down.
    /// </summary>
    private static void LiftDown(GrayImage ink, Rules down, Print print)
    {
        var turned = Transposed(ink);
        var marks = MarksOf(turned);
        foreach (var offset in down.Lifted)
            Lift(turned, Follow(marks, down.Slope, offset), print, marks.Level);
        ArrayPool<byte>.Shared.Return(marks.Marked);
        ImageOps.Transpose(turned.Pixels, turned.Width, turned.Height, ink.Pixels);
    }

    /// <summary>The photo turned a quarter: its columns as rows.</summary>
    private static GrayImage Transposed(GrayImage ink)
    {
        var turned = new GrayImage(ink.Height, ink.Width, new float[ink.Pixels.Length]);
        ImageOps.Transpose(ink.Pixels, ink.Width, ink.Height, turned.Pixels);
        return turned;
    }

    /// <summary>
    /// The rules across <paramref name="ink"/>, or null; with <paramref name="across"/>, the rules across the paper
    /// found before, only those on their grid and printed as they are (the photo is then turned a quarter, and these
    /// are the rules down the page).
    /// </summary>
    private static Rules? Find(GrayImage ink, Rules? across)
    {
        var marks = MarksOf(ink);
        try
        {
            return Find(ink, marks, across);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(marks.Marked);
        }
    }

    private static Rules? Find(GrayImage ink, Marks marks, Rules? across)
    {
        var (held, at) = HeldRows(marks, ink.Width, ink.Height);
        if (held.Count(rows => rows.Contains(1)) < Support * Reach * held.Length)
            return null;
        var (slope, offsets) = Find(held, at, ink.Width, ink.Height, across is null ? null : -across.Slope);
        if (across is not null)
        {
            offsets = RuleGrid.Down(offsets, slope, across.Slope, across.Offsets, ink.Height,
                offset => across.Print.Tells && Qualifies(held, ink.Width, ink.Height, slope, (int)offset, Whole, Whole, Whole));
        }
        var lifted = RuleGrid.Extended(offsets, ink.Height, place => Faint(held, ink.Width, ink.Height, slope, place));
        var courses = lifted.Select(offset => Follow(marks, slope, offset)).ToList();
        var runs = courses.SelectMany(c => c).Where(c => c.Found).ToList();
        return runs.Count == 0 ? null : new Rules(slope, offsets, lifted, courses, across?.Print ?? Print.Of(ink, runs), marks.Level);
    }

    /// <summary>
    /// The height, within two rows of <paramref name="place"/>, of a faint rule that the grid of the others says is there:
    /// held by <see cref="FaintSupport"/> of the strips it crosses, across half of them; null where there is none.
    /// </summary>
    private static double? Faint(int[][] held, int width, int height, double slope, double place)
    {
        var near = (int)Math.Round(place);
        var heights = Enumerable.Range(near - 2, 5).Where(offset => Qualifies(held, width, height, slope, offset, FaintSupport, span: 0.5)).ToList();
        return heights.Count == 0 ? null : heights.MinBy(offset => Math.Abs(offset - place));
    }

    /// <summary>
    /// Rules found: their turn (rise per column), heights at the middle column, and those lifted (with the next one
    /// beyond either end, <see cref="RuleGrid.Extended"/>), their courses and print.
    /// </summary>
    private sealed record Rules(double Slope, List<double> Offsets, List<double> Lifted, List<List<RuleColumn>> Courses, Print Print, float Level);

    /// <summary>
    /// For each strip and row (1 or 0), whether the strip holds a rule at that row (<c>At</c>): most of its columns
    /// marked at that row or one next to it (a rule climbs across a strip); and whether it could, within two rows
    /// (<c>Near</c>: the coarse search's turns are steps apart).
    /// </summary>
    private static (int[][] Near, int[][] At) HeldRows(Marks marks, int width, int height)
    {
        var strips = width / Strip + (width % Strip >= Strip / 2 ? 1 : 0);
        var filled = new float[strips][];
        for (var j = 0; j < strips; j++)
            filled[j] = new float[height];
        var marked = new byte[width];
        for (var y = 0; y < height; y++)
        {
            // The row's marks, or those of the row above or below it.
            marks.Row(y).CopyTo(marked);
            if (y > 0)
                TensorPrimitives.BitwiseOr(marked, marks.Row(y - 1), marked);
            if (y + 1 < height)
                TensorPrimitives.BitwiseOr(marked, marks.Row(y + 1), marked);
            for (var j = 0; j < strips; j++)
            {
                var (left, right) = (j * Strip, Math.Min(width, (j + 1) * Strip));
                filled[j][y] = marked.AsSpan(left, right - left).Count((byte)1) / (float)(right - left);
            }
        }
        var (near, at) = (new int[strips][], new int[strips][]);
        for (var j = 0; j < strips; j++)
        {
            (near[j], at[j]) = (new int[height], new int[height]);
            for (var y = 0; y < height; y++)
                at[j][y] = filled[j][y] >= Filled ? 1 : 0;
            for (var y = 0; y < height; y++)
            {
                for (var dy = -2; dy <= 2 && near[j][y] == 0; dy++)
                    near[j][y] = y + dy >= 0 && y + dy < height ? at[j][y + dy] : 0;
            }
        }
        return (near, at);
    }

    /// <summary>
    /// The marked pixels: ink averaged over five pixels along the row (which keeps a rule, running along the row, and
    /// smooths the grain of a dim photo stretched to full contrast; the two pixels at either end of a row are never
    /// marked) at least <see cref="Level"/> strong, and well above that grain: <see cref="Grain"/> times the spread of
    /// its quartiles from its median (four standard deviations of normal noise), the lower one where it is the less:
    /// squared paper's rules down the page, averaged along the row, brighten the upper quartile of a close grid.
    /// </summary>
    private static Marks MarksOf(GrayImage ink)
    {
        var (width, height) = (ink.Width, ink.Height);
        var length = width * height;
        var smooth = ArrayPool<float>.Shared.Rent(length);
        for (var y = 0; y < height; y++)
        {
            var mean = smooth.AsSpan(y * width, width);
            ImageOps.WindowSums(ink.Pixels.AsSpan(y * width, width), mean, radius: 2);
            TensorPrimitives.Multiply(mean, 0.2f, mean);
            // The ends' windows are cut short: never marked.
            mean[..2].Clear();
            mean[^2..].Clear();
        }
        // The paper's grain from every fourth row: plenty of pixels, a quarter of the counting.
        var sampled = (height + 3) / 4 * width;
        var sample = ArrayPool<float>.Shared.Rent(sampled);
        for (var y = 0; y < height; y += 4)
            smooth.AsSpan(y * width, width).CopyTo(sample.AsSpan(y / 4 * width));
        Span<int> bins = stackalloc int[ImageOps.PercentileBins];
        Histogram.Count(sample.AsSpan(0, sampled), bins);
        ArrayPool<float>.Shared.Return(sample);
        var median = Histogram.Percentile(bins, sampled, 0.5);
        var spread = Math.Min(Histogram.Percentile(bins, sampled, 0.75) - median, median - Histogram.Percentile(bins, sampled, 0.25));
        var level = Math.Max(Level, median + Grain * spread);
        var marked = ArrayPool<byte>.Shared.Rent(length);
        InkExtractor.Above(smooth.AsSpan(0, length), level, marked.AsSpan(0, length));
        ArrayPool<float>.Shared.Return(smooth);
        return new Marks(marked, width, height, level);
    }

    /// <summary>
    /// The turn (rise per column) at which rules hold the most strips, and the heights (at the middle column, which
    /// may lie above or below the photo for a rule crossing a corner) of the rules at that turn: each run of heights
    /// that qualify (<see cref="Qualifies"/>, by the rows that could hold a rule) gives the middle of the rows held by the
    /// most strips. The turns searched are those up to <see cref="MaxTurn"/>, or <see cref="RuleGrid.MaxSkew"/> either
    /// side of <paramref name="around"/> (the rules down squared paper's page, square to those across).
    /// </summary>
    private static (double Slope, List<double> Offsets) Find(int[][] held, int[][] at, int width, int height, double? around)
    {
        // Steps small enough that a rule at a turn between two is at most two rows off at the photo's ends, which the
        // rows that could hold a rule reach; then, an eighth of a step apart about the best, the rows that do.
        var step = Math.Clamp(4.0 / (width / 2.0), 0.004, 0.018);
        var steepest = Math.Tan(MaxTurn * Math.PI / 180);
        var margin = (int)Math.Ceiling(steepest * width / 2) + 1;
        var (from, to) = around is { } turn ? (Math.Max(-steepest, turn - RuleGrid.MaxSkew), Math.Min(steepest, turn + RuleGrid.MaxSkew)) : (-steepest, steepest);
        var coarse = BestTurn(held, width, height, margin, Enumerable.Range(0, (int)Math.Floor((to - from) / step) + 1).Select(k => from + k * step));
        var (bestSlope, counts) = BestTurn(at, width, height, margin, Enumerable.Range(-8, 17).Select(k => coarse.Slope + k * step / 8));
        var qualifies = Enumerable.Range(0, counts.Length).Select(r => Qualifies(held, width, height, bestSlope, r - margin)).ToArray();
        var offsets = new List<double>();
        for (var r = 0; r < counts.Length; r++)
        {
            if (!qualifies[r])
                continue;
            var end = r;
            while (end + 1 < counts.Length && qualifies[end + 1])
                end++;
            var top = Enumerable.Range(r, end - r + 1).Max(k => counts[k]);
            var peaks = Enumerable.Range(r, end - r + 1).Where(k => counts[k] == top).ToList();
            offsets.Add(peaks[peaks.Count / 2] - margin);
            r = end;
        }
        return (bestSlope, offsets);
    }

    /// <summary>
    /// Of <paramref name="slopes"/>, the one at which a rule holds the most strips, with its counts: a rule holds as
    /// many over a range of turns about its own (a rule is thicker than a row, and the rows that could hold one reach
    /// two either way), so the middle of that range.
    /// </summary>
    private static (double Slope, int[] Counts) BestTurn(int[][] held, int width, int height, int margin, IEnumerable<double> slopes)
    {
        var turns = slopes.Select(slope => (Slope: slope, Counts: Counts(held, width, height, slope, margin))).ToList();
        var most = turns.Max(t => t.Counts.Max());
        var best = turns.Where(t => t.Counts.Max() == most).ToList();
        return best[best.Count / 2];
    }

    /// <summary>For each height at the middle column (from −<paramref name="margin"/>), how many strips hold a rule of <paramref name="slope"/> through it.</summary>
    private static int[] Counts(int[][] held, int width, int height, double slope, int margin)
    {
        var counts = new int[height + 2 * margin];
        for (var j = 0; j < held.Length; j++)
        {
            var shift = Shift(j, width, slope);
            var (from, to) = (Math.Max(-margin, -shift), Math.Min(height + margin, height - shift));
            var span = counts.AsSpan(from + margin, to - from);
            TensorPrimitives.Add(span, held[j].AsSpan(from + shift, to - from), span);
        }
        return counts;
    }

    /// <summary>How far below the middle column's height a rule of <paramref name="slope"/> runs through strip <paramref name="j"/>.</summary>
    private static int Shift(int j, int width, double slope) => (int)Math.Round(((j + 0.5) * Strip - width / 2.0) * slope);

    /// <summary>
    /// Whether a rule of <paramref name="slope"/> through <paramref name="offset"/> at the middle column is one: it
    /// crosses at least <see cref="Reach"/> of the photo's width inside it, is held by <see cref="Support"/> of the
    /// strips it crosses there, and the first and last of those are <see cref="Span"/> of that stretch apart.
    /// </summary>
    private static bool Qualifies(int[][] held, int width, int height, double slope, int offset,
        double support = Support, double span = Span, double reach = Reach)
    {
        var (first, last, firstHeld, lastHeld, crossed, holding) = (-1, -1, -1, -1, 0, 0);
        for (var j = 0; j < held.Length; j++)
        {
            var y = offset + Shift(j, width, slope);
            if (y < 0 || y >= height)
                continue;
            (first, last, crossed) = (first < 0 ? j : first, j, crossed + 1);
            if (held[j][y] != 0)
                (firstHeld, lastHeld, holding) = (firstHeld < 0 ? j : firstHeld, j, holding + 1);
        }
        return crossed * Strip >= reach * width && holding >= support * crossed && lastHeld - firstHeld + 1 >= span * (last - first + 1);
    }

    /// <summary>
    /// Clears a rule along its <paramref name="course"/>: the marks no thicker than the rule's print, and in every
    /// column what is fainter than a stroke about the rule's course (its soft edges, and under a crossing stroke); a
    /// print as dark as the pen, beside a crossing stroke, where the pixels at least <paramref name="level"/> strong
    /// are no thicker than the print.
    /// </summary>
    private static void Lift(GrayImage ink, List<RuleColumn> course, Print print, float level)
    {
        var reach = (int)Math.Ceiling(print.Thickness / 2) + 2;
        foreach (var column in course)
        {
            if (print.Tells)
                Clear(ink, column.X, column.Centre - reach, column.Centre + reach, print.Stroke);
            if (column.Found && column.Thickness <= print.Thickest)
                Clear(ink, column.X, column.Top - 2, column.Bottom + 2, print.Tells ? print.Stroke : float.MaxValue);
            else if (column.Found && !print.Tells && Inked(ink, column, level) is { } run && run.Bottom - run.Top + 1 <= print.Thickest)
                Clear(ink, column.X, run.Top - 1, run.Bottom + 1, float.MaxValue);
        }
    }

    /// <summary>
    /// The run of pixels at least <paramref name="level"/> strong through the strongest near the rule's course in a
    /// column whose marks are thick: the marks are averaged along the row, so a stroke crossing the rule thickens those
    /// of the columns beside it too, where the pixels themselves are the rule's alone.
    /// </summary>
    private static (int Top, int Bottom)? Inked(GrayImage ink, RuleColumn column, float level)
    {
        var (x, strongest) = (column.X, Math.Clamp(column.Centre, 0, ink.Height - 1));
        for (var y = Math.Max(0, column.Centre - 2); y <= Math.Min(ink.Height - 1, column.Centre + 2); y++)
            strongest = ink[x, y] > ink[x, strongest] ? y : strongest;
        if (ink[x, strongest] < level)
            return null;
        var (top, bottom) = (strongest, strongest);
        while (top > 0 && ink[x, top - 1] >= level)
            top--;
        while (bottom + 1 < ink.Height && ink[x, bottom + 1] >= level)
            bottom++;
        return (top, bottom);
    }

    /// <summary>
    /// Sets to 0 the pixels of column <paramref name="x"/> from <paramref name="top"/> to <paramref name="bottom"/> weaker
    /// than <paramref name="below"/>, but for those next to a stronger one.
    /// </summary>
    private static void Clear(GrayImage ink, int x, int top, int bottom, float below)
    {
        for (var y = Math.Max(0, top); y <= Math.Min(ink.Height - 1, bottom); y++)
        {
            ref var pixel = ref ink.Pixels[y * ink.Width + x];
            if (pixel < below ? !NextToStroke(ink, x, y, below) : Lone(ink, x, y, below))
                pixel = 0;
        }
    }

    /// <summary>
    /// Whether a pixel at least <paramref name="stroke"/> strong has no neighbour as strong: the grain of the photo on
    /// a rule, not a stroke (however thin, a stroke runs on).
    /// </summary>
    private static bool Lone(GrayImage ink, int x, int y, float stroke)
    {
        for (var ny = Math.Max(0, y - 1); ny <= Math.Min(ink.Height - 1, y + 1); ny++)
        {
            for (var nx = Math.Max(0, x - 1); nx <= Math.Min(ink.Width - 1, x + 1); nx++)
            {
                if ((nx != x || ny != y) && ink[nx, ny] >= stroke)
                    return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Whether a pixel lies just above or below one at least <paramref name="stroke"/> strong: the soft edge of a stroke
    /// crossing a rule at a slant, which would otherwise part it.
    /// </summary>
    private static bool NextToStroke(GrayImage ink, int x, int y, float stroke) =>
        (y > 0 && ink[x, y - 1] >= stroke) || (y + 1 < ink.Height && ink[x, y + 1] >= stroke);

    /// <summary>
    /// The rule's course through every column, and its marks there: the run of marked rows nearest where the rule
    /// should be (two rows either way; top −1 where there is none), the course corrected by the thin runs as it goes
    /// (paper bends; a photo is not a scan).
    /// </summary>
    private static List<RuleColumn> Follow(Marks marks, double slope, double offset)
    {
        var course = new List<RuleColumn>(marks.Width);
        var (drift, thin) = (0.0, double.NaN);
        for (var x = 0; x < marks.Width; x++)
        {
            var expected = offset + (x - marks.Width / 2.0) * slope + drift;
            var centre = (int)Math.Round(expected);
            var found = Nearest(marks, x, centre);
            if (found < 0)
            {
                course.Add(new RuleColumn(x, centre, -1, -1));
                continue;
            }
            var (top, bottom) = (found, found);
            while (marks[x, top - 1])
                top--;
            while (marks[x, bottom + 1])
                bottom++;
            course.Add(new RuleColumn(x, centre, top, bottom));
            var (length, middle) = (bottom - top + 1, (top + bottom) / 2.0);
            thin = double.IsNaN(thin) ? length : 0.9 * thin + 0.1 * Math.Min(length, thin + 1);
            // Only the rule's own marks, close to where it should be, steer: not a stroke touching it.
            if (length <= thin + 1 && Math.Abs(middle - expected) <= 1.5)
                drift = Math.Clamp(drift + 0.2 * (middle - expected), -MaxDrift, MaxDrift);
        }
        // The two columns at either end are never marked (their average is cut short): the rule runs on as it ends.
        for (var x = 0; x < Math.Min(2, marks.Width - 3); x++)
        {
            course[x] = course[x] with { Top = course[2].Top, Bottom = course[2].Bottom };
            course[^(x + 1)] = course[^(x + 1)] with { Top = course[^3].Top, Bottom = course[^3].Bottom };
        }
        return course;
    }

    /// <summary>The marked row of column <paramref name="x"/> nearest <paramref name="centre"/>, two rows either way at most; −1 when none is.</summary>
    private static int Nearest(Marks marks, int x, int centre)
    {
        for (var k = 0; k <= 2; k++)
        {
            if (marks[x, centre - k])
                return centre - k;
            if (marks[x, centre + k])
                return centre + k;
        }
        return -1;
    }

    /// <summary>
    /// The print of a page's rules, the same for all of them: how thick (most columns' marks; a stroke lying along a
    /// rule makes a few thicker) and how strong (the strongest pixel across most thin columns).
    /// </summary>
    private sealed record Print(double Thickness, double Strength)
    {
        /// <summary>The thickest marks that are rule alone.</summary>
        public double Thickest => Thickness + Math.Max(2, Thickness / 2);

        /// <summary>Whether ink can be told from print by its strength: a rule printed as dark as the pen tells nothing.</summary>
        public bool Tells => Stroke <= 0.92;

        /// <summary>Ink at least this strong is a stroke, lying along a rule or crossing it.</summary>
        public float Stroke => (float)Math.Max(Strength + 0.15, (1 + Strength) / 2);

        public static Print Of(GrayImage ink, IReadOnlyList<RuleColumn> runs)
        {
            var print = new Print(Median(runs.Select(r => (double)r.Thickness)), 1);
            var thin = runs.Where(r => r.Thickness <= print.Thickest).ToList();
            return thin.Count == 0 ? print : print with { Strength = Median(thin.Select(r => (double)Strongest(ink, r.X, r.Top, r.Bottom))) };
        }
    }

    private static float Strongest(GrayImage ink, int x, int top, int bottom)
    {
        var strongest = 0f;
        for (var y = top; y <= bottom; y++)
            strongest = Math.Max(strongest, ink.Pixels[y * ink.Width + x]);
        return strongest;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    /// <summary>Which pixels are marked; rows outside the image are not.</summary>
    private sealed record Marks(byte[] Marked, int Width, int Height, float Level)
    {
        public bool this[int x, int y] => y >= 0 && y < Height && Marked[y * Width + x] != 0;

        /// <summary>Row <paramref name="y"/>: 1 where marked, else 0.</summary>
        public ReadOnlySpan<byte> Row(int y) => Marked.AsSpan(y * Width, Width);
    }

    /// <summary>
    /// A column of a rule's course: where the rule should run (<paramref name="Centre"/>) and the run of marked rows
    /// found there (<paramref name="Top"/> to <paramref name="Bottom"/>; −1 where none was).
    /// </summary>
    private readonly record struct RuleColumn(int X, int Centre, int Top, int Bottom)
    {
        public bool Found => Top >= 0;

        public int Thickness => Bottom - Top + 1;
    }
}
