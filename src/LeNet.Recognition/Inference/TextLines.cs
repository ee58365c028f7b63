namespace LeNet.Inference;

/// <summary>
/// The lines of writing on a page (a worksheet of sums, a column of numbers), top to bottom: the bands of rows that
/// character-sized marks fill, parted by rows that none of them reaches. Marks much smaller than a character (the
/// bars of = and −, the dots of ÷) neither start nor part a line, so a line's own symbols never split it; two bands
/// that share no column are one line whose baseline wanders, not two lines.
/// </summary>
internal static class TextLines
{
    /// <summary>A mark at least this share of the page's typical character height counts as a character.</summary>
    private const double CharacterShare = 0.5;

    /// <summary>
    /// Most lines a page is read as: a photo with more bands than this (rows of specks, a texture) is no page of
    /// writing, and is read as one line, as any photo was before pages were read, rather than band by band.
    /// </summary>
    public const int MostLines = 40;

    /// <summary>
    /// A mark wider than this many character heights is a rule, not writing: a ruled line of the paper, however much it
    /// climbs across a turned photo, or an underline (even eight digits run together are narrower).
    /// </summary>
    private const double LongMark = 10;

    /// <summary>The share of its box that ink fills, above which a mark is a dot or a bar rather than pen strokes.</summary>
    private const double SolidFill = 0.5;

    /// <summary>
    /// The bands, each the full width of the page and reaching halfway to its neighbours; one band, the whole page, when
    /// the ink holds one line (or none, or more than <see cref="MostLines"/>).
    /// </summary>
    public static IReadOnlyList<PixelBox> Find(InkImage ink)
    {
        var (width, height) = (ink.Ink.Width, ink.Ink.Height);
        var whole = new PixelBox(0, 0, width, height);
        var bands = Bands(ink.Blobs);
        if (bands.Count is < 2 or > MostLines)
            return [whole];
        var result = new List<PixelBox>(bands.Count);
        for (var i = 0; i < bands.Count; i++)
        {
            var top = i == 0 ? 0 : (bands[i - 1].Bottom + bands[i].Top) / 2;
            var bottom = i == bands.Count - 1 ? height : (bands[i].Bottom + bands[i + 1].Top) / 2;
            result.Add(new PixelBox(0, top, width, bottom - top));
        }
        return result;
    }

    /// <summary>The boxes around the character-sized marks of each line, top to bottom.</summary>
    internal static List<PixelBox> Bands(IReadOnlyList<Component> blobs)
    {
        var marks = blobs.Select(b => b.Box).ToList();
        if (marks.Count < 2)
            return marks;
        var typical = TypicalHeight(marks);
        var characters = marks.Where(m => m.Height >= CharacterShare * typical && m.Width <= LongMark * typical).OrderBy(m => m.Top).ToList();
        var bands = new List<PixelBox>();
        foreach (var mark in characters)
        {
            // Sorted by top: a mark starting above the last band's bottom row is in it.
            if (bands.Count > 0 && mark.Top < bands[^1].Bottom)
                bands[^1] = bands[^1].Union(mark);
            else
                bands.Add(mark);
        }
        // Bands side by side, not stacked, are one line drifting up or down the page.
        for (var i = bands.Count - 1; i > 0; i--)
        {
            if (bands[i].ColumnOverlap(bands[i - 1]) <= 0)
                Merge(bands, i - 1);
        }
        // Bands each of one solid mark are the stacked parts of one symbol — the dots of a lone ÷ over and under its bar,
        // the bars of a lone = — not lines. A line of one mark made of strokes (a 7, digits all run together) is a line.
        if (bands.Count > 1 && bands.All(b => blobs.Where(m => Holds(b, m.Box)).ToList() is [var only] && IsSolid(only)))
            return [bands.Aggregate((a, b) => a.Union(b))];
        return bands;
    }

    /// <summary>Band <paramref name="i"/> and the one under it become one.</summary>
    private static void Merge(List<PixelBox> bands, int i)
    {
        bands[i] = bands[i].Union(bands[i + 1]);
        bands.RemoveAt(i + 1);
    }

    /// <summary>
    /// Whether ink fills most of the mark's box: a dot or a bar, where a character's strokes leave most of its box
    /// paper (a 1 alone excepted, which is not a line of a page by itself).
    /// </summary>
    private static bool IsSolid(Component mark) => mark.Area > SolidFill * mark.Box.Width * mark.Box.Height;

    /// <summary>Whether <paramref name="mark"/>'s middle row is among <paramref name="band"/>'s rows.</summary>
    private static bool Holds(PixelBox band, PixelBox mark) => mark.Top + mark.Height / 2 is var middle && middle >= band.Top && middle < band.Bottom;

    /// <summary>The median height of the marks at least a third as tall as the tallest: the page's characters, not its specks.</summary>
    private static double TypicalHeight(IReadOnlyList<PixelBox> marks)
    {
        var tallest = marks.Max(m => m.Height);
        var heights = marks.Select(m => m.Height).Where(h => 3 * h >= tallest).Order().ToList();
        return heights[heights.Count / 2];
    }
}
