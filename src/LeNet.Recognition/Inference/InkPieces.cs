namespace LeNet.Inference;

/// <summary>
/// A piece of a line's ink: a whole connected blob, or a slice of a wide blob between two candidate cuts.
/// </summary>
/// <param name="Pixels">Indices of its ink pixels in the line image (soft edges included).</param>
/// <param name="Box">Its bounding box.</param>
/// <param name="Blob">The blob it comes from (slices of one blob share it).</param>
/// <param name="CutStrokes">Strokes crossed by the cut that separates it from the previous slice of its blob (0 for a blob's first piece).</param>
public sealed record InkPiece(int[] Pixels, PixelBox Box, int Blob, int CutStrokes = 0)
{
    /// <summary>Number of ink pixels.</summary>
    public int Area => Pixels.Length;
}

/// <summary>
/// The over-segmentation of the 1998 paper (§ VI): cut a line into more pieces than it has characters, so that
/// the true characters are unions of consecutive pieces. Blobs are pieces; a blob that may hold touching characters
/// is also sliced along least-ink paths (<see cref="CutPaths"/>), and the recognizer decides later which cuts were real.
/// </summary>
public static class InkPieces
{
    /// <summary>A blob wider than this many digit heights may hold touching characters.</summary>
    private const double WideBlob = 0.9;
    /// <summary>
    /// Or wider than this multiple of the line's typical character (the median width of its tall blobs): in a line
    /// of narrow writing, two touching characters are wide for that line, not for any line. Narrower blobs are
    /// cut only when the best path reads them whole and unsure (<see cref="LineSegmentation.Recut"/>): on 3,000
    /// validation digit lines, cutting every blob wider than 0.7 digit heights or 1.1 typical widths as well read the
    /// same 93.6–93.7 % (touching 84.1 %) for 1.1–1.8 ms more per line at p50 (two runs at once, against 3.2 ms).
    /// </summary>
    private const double WiderThanTypical = 1.3;

    /// <summary>The pieces of <paramref name="ink"/>, ordered by their horizontal centre.</summary>
    /// <param name="alsoCut">Blobs to slice however narrow they are (ones the network could not read whole).</param>
    public static IReadOnlyList<InkPiece> Cut(InkImage ink, LineGeometry line, IReadOnlySet<int>? alsoCut = null)
    {
        var pixels = PixelsByBlob(ink);
        var typical = TypicalWidth(ink, line);
        var pieces = new List<InkPiece>();
        foreach (var blob in ink.Blobs)
        {
            var own = pixels[blob.Label];
            if (own.Count == 0)
                continue;
            // The box of the pixels themselves: soft edges reach a pixel beyond the thresholded blob.
            var box = BoxOf(own, ink.Ink.Width);
            // A clean single character is never cut: only a blob wide enough to hold two may be.
            var wide = box.Width > WideBlob * line.Height || box.Width > WiderThanTypical * typical || alsoCut?.Contains(blob.Label) == true;
            var cuts = wide && !line.IsShort(box) ? CutPaths.Find(ink.Ink, own, box, line.Height) : [];
            var slices = Slice(own, cuts, box, ink.Ink.Width);
            for (var k = 0; k < slices.Count; k++)
            {
                if (slices[k].Count > 0)
                    pieces.Add(new InkPiece([.. slices[k]], BoxOf(slices[k], ink.Ink.Width), blob.Label, k == 0 ? 0 : cuts[k - 1].Strokes));
            }
        }
        return [.. pieces.OrderBy(p => p.Box.Left + p.Box.Width / 2.0)];
    }

    /// <summary>The (lower) median width of the line's tall blobs (most of them one character each).</summary>
    private static double TypicalWidth(InkImage ink, LineGeometry line)
    {
        var widths = ink.Blobs.Where(b => !line.IsShort(b.Box)).Select(b => (double)b.Box.Width).ToList();
        return widths.Count == 0 ? line.Height : LineGeometry.LowerMedian(widths);
    }

    /// <summary>Every ink pixel, by the blob it belongs to; anti-aliased edge pixels go to a neighbouring blob.</summary>
    private static Dictionary<int, List<int>> PixelsByBlob(InkImage ink)
    {
        var (width, height) = (ink.Ink.Width, ink.Ink.Height);
        var result = ink.Blobs.ToDictionary(b => b.Label, _ => new List<int>());
        foreach (var blob in ink.Blobs)
        {
            var area = blob.Box.Inflate(1, width, height);
            for (var y = area.Top; y < area.Bottom; y++)
            {
                for (var x = area.Left; x < area.Right; x++)
                {
                    var index = y * width + x;
                    if (ink.Ink.Pixels[index] > 0 && OwnerOf(ink, x, y) == blob.Label)
                        result[blob.Label].Add(index);
                }
            }
        }
        return result;
    }

    /// <summary>The blob label of a pixel, or of its first labelled neighbour for edge pixels outside the mask.</summary>
    private static int OwnerOf(InkImage ink, int x, int y)
    {
        var (width, height) = (ink.Ink.Width, ink.Ink.Height);
        var own = ink.Labels[y * width + x];
        if (own != 0)
            return own;
        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                int nx = x + dx, ny = y + dy;
                if ((uint)nx < (uint)width && (uint)ny < (uint)height && ink.Labels[ny * width + nx] is var label and not 0)
                    return label;
            }
        }
        return 0;
    }

    /// <summary>The blob's pixels between consecutive cuts (slice k lies right of cut k − 1 and left of cut k).</summary>
    private static List<List<int>> Slice(List<int> pixels, List<CutPath> cuts, PixelBox box, int width)
    {
        var slices = Enumerable.Range(0, cuts.Count + 1).Select(_ => new List<int>()).ToList();
        foreach (var index in pixels)
        {
            var (x, row) = (index % width, Math.Clamp(index / width - box.Top, 0, box.Height - 1));
            var slice = 0;
            while (slice < cuts.Count && x >= cuts[slice].Columns[row])
                slice++;
            slices[slice].Add(index);
        }
        return slices;
    }

    private static PixelBox BoxOf(List<int> pixels, int width)
    {
        int left = int.MaxValue, top = int.MaxValue, right = int.MinValue, bottom = int.MinValue;
        foreach (var index in pixels)
        {
            var (x, y) = (index % width, index / width);
            (left, right, top, bottom) = (Math.Min(left, x), Math.Max(right, x), Math.Min(top, y), Math.Max(bottom, y));
        }
        return new PixelBox(left, top, right - left + 1, bottom - top + 1);
    }
}
