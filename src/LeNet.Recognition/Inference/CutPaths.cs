namespace LeNet.Inference;

/// <summary>A cut through a blob from its top row to its bottom row.</summary>
/// <param name="Columns">For each row of the blob's box (top first), the column where the cut passes; pixels left of it go left.</param>
/// <param name="Strokes">How many strokes the cut crosses: 1 where two characters touch, 2 through the middle of a loop.</param>
public sealed record CutPath(int[] Columns, int Strokes)
{
    /// <summary>The cut's mean column.</summary>
    public double Centre => Columns.Average();
}

/// <summary>
/// Candidate cuts through a blob that may hold touching characters: least-ink paths from top to bottom, free to
/// bend around strokes (touching characters rarely meet along a vertical line, and slanted or overlapping ones never
/// do). A path starts at every column where the ink profile has a valley, and at regular intervals across the
/// blob; dynamic programming over the rows finds the path near each start that crosses the least ink.
/// </summary>
public static class CutPaths
{
    /// <summary>Paths start this far apart across the blob, in digit heights, besides the valleys.</summary>
    private const double StartSpacing = 0.18;
    /// <summary>A path may wander this far from its start, in digit heights.</summary>
    private const double Drift = 0.3;
    /// <summary>Cost of a unit of ink crossed, against 1 for each row moved diagonally.</summary>
    private const double InkCost = 20;
    /// <summary>
    /// Cost per row and column of distance from the start: keeps each path near the place it was started for, so that
    /// paths started apart stay apart and offer the network different cuts rather than all falling into the cheapest.
    /// Chosen with <see cref="MaxStrokes"/> on the validation lines (1,000 each; digit lines / sums read exactly), with
    /// two strokes: 0.02, 0.05, 0.1, 0.2, 0.3, 0.4 read 90.5 / 84.5, 91.1 / 85.0, 91.5 / 84.8, 91.9 / 84.7, 91.6 / 84.8,
    /// 91.5 / 84.9 %.
    /// </summary>
    private const double Tether = 0.2;
    /// <summary>
    /// Most strokes a cut may cross. Touching characters meet at one point, but characters that overlap as well as
    /// touch (a 6's loop against the next one's stem, a 9's tail tucked under its neighbour) cannot be parted through
    /// fewer than two. A cut through two strokes may also be the inside of a loop (an 8 cut into a 1 and a 2); the
    /// network refuses those pieces. Chosen on the validation lines: with one stroke (two in blobs wider than a digit
    /// is tall), 87.0 % of digit lines and 69.9 % of sums were read exactly; with two, 87.6 and 70.4 %; three added
    /// nothing then. Since pressed strokes are parted (<see cref="Costs"/>), three read 91.5 / 85.3 % against two's
    /// 91.1 / 85.0 % (four as three), and with <see cref="Tether"/> 0.2 or 0.3, 92.5 / 84.9 and 92.3 / 85.1 %; but
    /// the extra pieces cost a sum 1.2 ms more (p50 9.5–10.1 ms on the test sums, against the 10 ms a line may take).
    /// Once the slant estimate skipped the empty rows and a recut stopped reading unchanged runs again, three strokes
    /// cost a validation sum 0.3 ms at p50 (6.4 against 6.1 ms) and read 92.5 / 85.2 % against 91.9 / 85.0 %.
    /// </summary>
    private const int MaxStrokes = 3;
    /// <summary>
    /// A row's run of ink at least this many times the pen's width (the median run) may be two strokes pressed together:
    /// see <see cref="Costs"/>.
    /// </summary>
    private const double DoubleRunLow = 1.2;
    /// <summary>A run wider than this many pens is a bar or a junction, not two strokes side by side.</summary>
    private const double DoubleRunHigh = 2.6;
    /// <summary>What crossing the middle of a double run costs, against up to 1 for a pixel of ink.</summary>
    private const double DoubleRunWeight = 0.1;
    /// <summary>A pixel at least this bright is ink when counting the strokes a cut crosses and a row's runs of ink.</summary>
    private const float InkLevel = 0.5f;
    /// <summary>Paths closer than this on average (in digit heights) are the same cut.</summary>
    private const double SameCut = 0.05;
    /// <summary>No piece narrower than this fraction of a digit height (a 1 touching its neighbour is about this narrow).</summary>
    private const double MinSlice = 0.06;
    /// <summary>A valley holds at most this fraction of the highest column on either side within <see cref="ValleyWindow"/>.</summary>
    private const double ValleyDepth = 0.35;
    /// <summary>How far either side a valley looks for its walls, in digit heights.</summary>
    private const double ValleyWindow = 0.3;

    /// <summary>Non-crossing cuts through the blob made of <paramref name="pixels"/>, left to right.</summary>
    public static List<CutPath> Find(GrayImage image, IReadOnlyList<int> pixels, PixelBox box, double digitHeight)
    {
        var ink = new float[box.Width * box.Height];
        foreach (var index in pixels)
            ink[(index / image.Width - box.Top) * box.Width + index % image.Width - box.Left] = image.Pixels[index];
        var margin = Math.Max(2, (int)Math.Ceiling(MinSlice * digitHeight));
        if (box.Width <= 2 * margin)
            return [];
        var drift = Math.Max(2, (int)(Drift * digitHeight));
        var cost = Costs(ink, box.Width);
        var found = Starts(ink, box.Width, box.Height, margin, digitHeight)
            .Select(start => Path(cost, box.Width, box.Height, start, drift, margin))
            .OrderBy(p => p.Cost)
            .ToList();
        var accepted = new List<CutPath>();
        foreach (var (columns, _) in found)
        {
            var strokes = Strokes(ink, box.Width, columns);
            if (strokes > MaxStrokes || accepted.Any(a => Distance(a.Columns, columns) < SameCut * digitHeight || Crosses(a.Columns, columns)))
                continue;
            accepted.Add(new CutPath([.. columns], strokes));
        }
        return [.. accepted.OrderBy(p => p.Centre).Select(p => p with { Columns = [.. p.Columns.Select(c => c + box.Left)] })];
    }

    /// <summary>Where paths start: every valley of the column profile, and a column every <see cref="StartSpacing"/> digit heights.</summary>
    private static IEnumerable<int> Starts(float[] ink, int width, int height, int margin, double digitHeight)
    {
        var profile = new double[width];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                profile[x] += ink[y * width + x];
        var window = Math.Max(2, (int)(ValleyWindow * digitHeight));
        var starts = new SortedSet<int>();
        for (var x = margin; x < width - margin; x++)
        {
            var walls = Math.Min(Max(profile, x - window, x), Max(profile, x + 1, x + 1 + window));
            if (profile[x] <= profile[x - 1] && profile[x] <= profile[x + 1] && profile[x] <= ValleyDepth * walls)
                starts.Add(x);
        }
        var step = Math.Max(2, (int)(StartSpacing * digitHeight));
        for (var x = margin + step / 2; x < width - margin; x += step)
            starts.Add(x);
        return starts;
    }

    private static double Max(double[] values, int from, int to)
    {
        var max = 0.0;
        for (var i = Math.Max(0, from); i < Math.Min(values.Length, to); i++)
            max = Math.Max(max, values[i]);
        return max;
    }

    /// <summary>The least-cost path from the top row to the bottom row within <paramref name="drift"/> of <paramref name="start"/>.</summary>
    private static (int[] Columns, double Cost) Path(double[] pixelCost, int width, int height, int start, int drift, int margin)
    {
        var (low, high) = (Math.Max(margin, start - drift), Math.Min(width - margin, start + drift));
        var span = high - low + 1;
        var cost = new double[height * span];
        var from = new int[height * span];
        for (var y = 0; y < height; y++)
        {
            for (var i = 0; i < span; i++)
            {
                var x = low + i;
                var own = InkCost * pixelCost[y * width + x] + Tether * Math.Abs(x - start);
                if (y == 0)
                {
                    cost[i] = own;
                    continue;
                }
                var (best, bestFrom) = (double.MaxValue, i);
                for (var d = -1; d <= 1; d++)
                {
                    var j = i + d;
                    if (j < 0 || j >= span)
                        continue;
                    var c = cost[(y - 1) * span + j] + (d == 0 ? 0 : 1);
                    if (c < best)
                        (best, bestFrom) = (c, j);
                }
                cost[y * span + i] = best + own;
                from[y * span + i] = bestFrom;
            }
        }
        var end = 0;
        for (var i = 1; i < span; i++)
            if (cost[(height - 1) * span + i] < cost[(height - 1) * span + end])
                end = i;
        var columns = new int[height];
        for (int y = height - 1, i = end; y >= 0; y--)
        {
            columns[y] = low + i;
            i = from[y * span + i];
        }
        return (columns, cost[(height - 1) * span + end]);
    }

    /// <summary>
    /// What crossing a pixel costs, in units of <see cref="InkCost"/>: its brightness cubed. Where two strokes lie
    /// against each other (a 1 leaning on the 0 beside it) no background parts them, but their soft edges meet in a
    /// seam darker than either core: cubed, a seam of half-bright pixels costs an eighth of a core, so a cut runs along
    /// it rather than through a thin part of the neighbour. The seam cuts leave more pieces, so a character may be
    /// joined from more of them (<see cref="LineOptions.MaxPiecesPerCharacter"/>: 7 with this weight, 8 since cuts
    /// cross three strokes). Chosen on the validation lines (1,000 each; digit lines / sums read exactly), power 1 (the
    /// brightness itself) against 3, by most pieces per character: 4 pieces, 87.6 / 82.4 % against 88.2 / 82.6 %; 5,
    /// 88.5 / 82.9 against 89.0 / 83.3 %; 6, 88.8 / 83.1 against 89.5 / 83.5 %; 7, 88.9 / 83.2 against 89.7 / 83.5 %
    /// (8: as 7). Power 2 and 4 at 7 pieces: 89.8 / 83.2 and 89.8 / 83.4 %.
    /// </summary>
    private static double Weight(float brightness) => brightness * brightness * brightness;

    /// <summary>
    /// What crossing each pixel costs: <see cref="Weight"/> of its brightness, except in the middle of a row's run of
    /// ink <see cref="DoubleRunLow"/>–<see cref="DoubleRunHigh"/> times as wide as the pen, where two strokes pressed
    /// together leave no fainter seam to follow (a 1 against a 6's stem, a 3's tips inside an 8's loops): there the
    /// cut runs down the middle at <see cref="DoubleRunWeight"/>. Chosen on the validation lines (1,000 each; digit
    /// lines / sums read exactly): without it 89.7 / 83.5 %; from 1.5 pens 90.7 / 84.6 %, from 1.3 90.9 / 84.8 %, from
    /// 1.2 91.1 / 85.0 %, from 1.1 91.2 / 85.0 %. At 1.5, up to 2.2 or 3.2 pens, or weight 0.03 or 0.3, moved these
    /// by a few lines in a thousand, and extra narrow paths started on such seams by one.
    /// </summary>
    private static double[] Costs(float[] ink, int width)
    {
        var cost = ink.Select(b => Weight(b)).ToArray();
        var runs = Runs(ink, width).ToList();
        if (runs.Count == 0)
            return cost;
        var pen = runs.Select(r => (double)r.Length).Order().ElementAt(runs.Count / 2);
        foreach (var (row, start, length) in runs)
            if (length >= DoubleRunLow * pen && length <= DoubleRunHigh * pen)
                for (var x = start + (length - 1) / 2; x <= start + length / 2; x++)
                    cost[row * width + x] = Math.Min(cost[row * width + x], DoubleRunWeight);
        return cost;
    }

    /// <summary>Every row's runs of ink: (row, first column, length).</summary>
    private static IEnumerable<(int Row, int Start, int Length)> Runs(float[] ink, int width)
    {
        for (var row = 0; row < ink.Length / width; row++)
        {
            var start = -1;
            for (var x = 0; x <= width; x++)
            {
                var isInk = x < width && ink[row * width + x] >= InkLevel;
                if (isInk && start < 0)
                    start = x;
                else if (!isInk && start >= 0)
                {
                    yield return (row, start, x - start);
                    start = -1;
                }
            }
        }
    }

    private static double Distance(int[] a, int[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Average();

    private static bool Crosses(int[] a, int[] b)
    {
        var (left, right) = (false, false);
        for (var y = 0; y < a.Length; y++)
            (left, right) = (left || b[y] < a[y], right || b[y] > a[y]);
        return left && right;
    }

    /// <summary>Runs of ink along the path: the strokes it cuts.</summary>
    private static int Strokes(float[] ink, int width, int[] columns)
    {
        var (strokes, inside) = (0, false);
        for (var y = 0; y < columns.Length; y++)
        {
            var isInk = ink[y * width + columns[y]] >= InkLevel;
            if (isInk && !inside)
                strokes++;
            inside = isInk;
        }
        return strokes;
    }
}
