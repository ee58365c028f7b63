namespace LeNet.Inference;

/// <summary>One digit cut out of a line: its box in the image and its ink alone (box-sized).</summary>
public sealed record DigitSegment(PixelBox Box, GrayImage Ink);

/// <summary>
/// Cuts a line of handwritten digits into single digits: connected ink blobs, merged when they are pieces of one
/// digit (stacked strokes, a broken loop), small marks attached to their neighbour or dropped, and blobs much wider
/// than a digit split where the ink has a clear gap.
/// </summary>
public static class DigitSegmenter
{
    /// <summary>Blobs overlapping horizontally by this fraction of the narrower one belong to one digit.</summary>
    private const double StackedOverlap = 0.5;
    /// <summary>A group shorter than this fraction of the line's height is a fragment, not a digit.</summary>
    private const double FragmentHeight = 0.4;
    /// <summary>A group wider than this multiple of its height holds more than one digit.</summary>
    private const double TooWide = 1.3;
    /// <summary>Typical handwritten digit width as a fraction of its height, used to guess how many digits a wide group holds.</summary>
    private const double DigitAspect = 0.7;
    /// <summary>A cut is clear when its column holds at most this fraction of the group's mean column ink.</summary>
    private const double ClearGap = 0.35;

    /// <summary>The digits of the line, left to right.</summary>
    public static IReadOnlyList<DigitSegment> Segment(InkImage ink)
    {
        var groups = ink.Blobs.Select(b => new Group([b.Label], b.Box, b.Area)).OrderBy(g => g.Box.Left).ToList();
        groups = MergeStacked(groups);
        groups = AbsorbFragments(groups);
        var segments = new List<DigitSegment>();
        foreach (var group in groups)
        {
            foreach (var (from, to) in Split(group, ink))
                segments.Add(Extract(group, from, to, ink));
        }
        return segments;
    }

    private sealed record Group(HashSet<int> Labels, PixelBox Box, int Area)
    {
        public Group Merge(Group other) => new([.. Labels, .. other.Labels], Box.Union(other.Box), Area + other.Area);
    }

    private static List<Group> MergeStacked(List<Group> groups)
    {
        for (var merged = true; merged;)
        {
            merged = false;
            for (var i = 0; i < groups.Count && !merged; i++)
            {
                for (var j = i + 1; j < groups.Count && !merged; j++)
                {
                    var (a, b) = (groups[i].Box, groups[j].Box);
                    var overlap = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);
                    if (overlap < StackedOverlap * Math.Min(a.Width, b.Width))
                        continue;
                    groups[i] = groups[i].Merge(groups[j]);
                    groups.RemoveAt(j);
                    merged = true;
                }
            }
        }
        return [.. groups.OrderBy(g => g.Box.Left)];
    }

    private static List<Group> AbsorbFragments(List<Group> groups)
    {
        if (groups.Count == 0)
            return groups;
        var lineHeight = groups.Max(g => g.Box.Height);
        var digits = groups.Where(g => g.Box.Height >= FragmentHeight * lineHeight).ToList();
        foreach (var fragment in groups.Where(g => g.Box.Height < FragmentHeight * lineHeight))
        {
            // A fragment joins the nearest digit when it is close (a detached stroke); otherwise it is a dot or smudge.
            var nearest = digits.MinBy(d => Gap(d.Box, fragment.Box))!;
            if (Gap(nearest.Box, fragment.Box) <= 0.25 * lineHeight)
                digits[digits.IndexOf(nearest)] = nearest.Merge(fragment);
        }
        return [.. digits.OrderBy(g => g.Box.Left)];
    }

    private static int Gap(PixelBox a, PixelBox b) => Math.Max(0, Math.Max(a.Left, b.Left) - Math.Min(a.Right, b.Right));

    /// <summary>Column ranges (image coordinates, end exclusive) of the digits in a group.</summary>
    private static IEnumerable<(int From, int To)> Split(Group group, InkImage ink)
    {
        var box = group.Box;
        if (box.Width <= TooWide * box.Height)
            return [(box.Left, box.Right)];
        var projection = new double[box.Width];
        for (var y = box.Top; y < box.Bottom; y++)
            for (var x = box.Left; x < box.Right; x++)
                if (group.Labels.Contains(ink.Labels[y * ink.Ink.Width + x]))
                    projection[x - box.Left] += ink.Ink[x, y];
        var mean = projection.Average();
        var count = Math.Max(2, (int)Math.Round(box.Width / (DigitAspect * box.Height)));
        var cuts = new List<int> { 0 };
        for (var k = 1; k < count; k++)
        {
            var ideal = k * box.Width / count;
            var window = Math.Max(1, box.Width / count / 3);
            var best = Enumerable.Range(Math.Max(cuts[^1] + 1, ideal - window), 2 * window + 1)
                .Where(c => c < box.Width - 1)
                .DefaultIfEmpty(-1)
                .MinBy(c => c < 0 ? double.MaxValue : projection[c]);
            if (best > 0 && projection[best] <= ClearGap * mean)
                cuts.Add(best);
        }
        cuts.Add(box.Width);
        return cuts.Zip(cuts.Skip(1), (from, to) => (box.Left + from, box.Left + to));
    }

    private static DigitSegment Extract(Group group, int from, int to, InkImage ink)
    {
        int width = ink.Ink.Width, height = ink.Ink.Height;
        int top = height, bottom = -1, left = to, right = from - 1;
        bool Belongs(int x, int y)
        {
            for (var dy = -1; dy <= 1; dy++)
                for (var dx = -1; dx <= 1; dx++)
                {
                    int nx = x + dx, ny = y + dy;
                    if (nx >= from && nx < to && (uint)ny < (uint)height && group.Labels.Contains(ink.Labels[ny * width + nx]))
                        return true;
                }
            return false;
        }
        var area = group.Box.Inflate(1, width, height);
        for (var y = area.Top; y < area.Bottom; y++)
            for (var x = Math.Max(from, area.Left); x < Math.Min(to, area.Right); x++)
                if (ink.Ink[x, y] > 0 && Belongs(x, y))
                    (left, right, top, bottom) = (Math.Min(left, x), Math.Max(right, x), Math.Min(top, y), Math.Max(bottom, y));
        if (right < left)
            return new DigitSegment(new PixelBox(from, group.Box.Top, Math.Max(1, to - from), group.Box.Height), GrayImage.Blank(Math.Max(1, to - from), group.Box.Height));
        var box = new PixelBox(left, top, right - left + 1, bottom - top + 1);
        var image = GrayImage.Blank(box.Width, box.Height);
        for (var y = box.Top; y < box.Bottom; y++)
            for (var x = box.Left; x < box.Right; x++)
                if (ink.Ink[x, y] > 0 && Belongs(x, y))
                    image[x - box.Left, y - box.Top] = ink.Ink[x, y];
        return new DigitSegment(box, image);
    }
}
