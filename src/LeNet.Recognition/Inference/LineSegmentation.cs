namespace LeNet.Inference;

/// <summary>
/// The over-segmentation stage of line reading, before any network: the ink found and made upright, the line's
/// geometry, its pieces, and every run of consecutive pieces that could be one character, each ready in MNIST form.
/// </summary>
/// <param name="Ink">The upright ink and its blobs.</param>
/// <param name="Shear">The slant removed.</param>
/// <param name="Page">The whole upright photo's box in <paramref name="Ink"/>'s coordinates: the upright ink is cut to where
/// there is ink (see <see cref="Slant.RemoveAroundInk"/>); without a slant, the photo's own box.</param>
/// <param name="Line">Digit height and middle line.</param>
/// <param name="Pieces">The pieces, left to right.</param>
/// <param name="Runs">Candidate characters: runs [From, To) of pieces.</param>
internal sealed record LineSegmentation(InkImage Ink, double Shear, PixelBox Page, LineGeometry Line, IReadOnlyList<InkPiece> Pieces, IReadOnlyList<(int From, int To)> Runs)
{
    /// <summary>Pieces further apart than this many digit heights are not one character.</summary>
    private const double MaxGap = 0.45;

    /// <summary>Finds the ink of <paramref name="image"/>, removes its slant, cuts it into pieces and lists the candidate runs.</summary>
    public static LineSegmentation Of(GrayImage image, LineOptions options)
    {
        var ink = InkOf(image);
        return Of(ink, Slant.Estimate(ink.Ink), options);
    }

    /// <summary>The ink of a line's photo, dots kept (÷, ·), before its slant is removed.</summary>
    public static InkImage InkOf(GrayImage image) => InkExtractor.Extract(image, keepDots: true);

    /// <summary>
    /// The line's ink (<see cref="InkOf"/>, left as it is) with <paramref name="shear"/> removed, cut into pieces, and
    /// the candidate runs.
    /// </summary>
    public static LineSegmentation Of(InkImage ink, double shear, LineOptions options)
    {
        // Upright, neighbours stand side by side and touching ones are cut more cleanly.
        var page = new PixelBox(0, 0, ink.Ink.Width, ink.Ink.Height);
        if (shear != 0)
            ink = InkExtractor.Relabel(Slant.RemoveAroundInk(ink.Ink, shear, out page), ink.Inverted, page);
        var line = LineGeometry.Estimate([.. ink.Blobs.Select(b => b.Box)]);
        ink = ink with { Blobs = [.. ink.Blobs.Where(b => !IsSpeckOffLine(b.Box, line))] };
        var pieces = InkPieces.Cut(ink, line);
        return new LineSegmentation(ink, shear, page, line, pieces, RunsOf(pieces, line, options));
    }

    /// <summary>
    /// Whether a mark less than half a digit tall has its middle more than <see cref="OffLine"/> digit heights above or
    /// below the line's middle line: a speck of the paper, not a mark of the line (the dots of ÷ and a multiplication dot
    /// sit within half a digit height of it, and a character's middle on it). Read, such specks became symbols of their
    /// own: a faint sum on grey paper, with a row of specks along the shadow under it, was read as nothing.
    /// </summary>
    private static bool IsSpeckOffLine(PixelBox box, LineGeometry line) =>
        line.IsShort(box) && Math.Abs(box.Top + box.Height / 2.0 - line.CentreAt(box.Left + box.Width / 2.0)) > OffLine * line.Height;

    /// <summary>How far from the middle line, in digit heights, a short mark is no part of the line.</summary>
    private const double OffLine = 0.9;

    /// <summary>The box in the line's photo (<paramref name="width"/> × <paramref name="height"/>) of a box in the upright ink.</summary>
    public PixelBox Restore(PixelBox box, int width, int height) => Slant.Restore(box, Shear, Page, height, width);

    /// <summary>
    /// A map of the line's photo (<paramref name="width"/> × <paramref name="height"/>, one value per pixel: which
    /// character owns it, −1 for none) made upright and cut as the ink is.
    /// </summary>
    public int[] Upright(int[] map, int width, int height) =>
        Shear == 0 ? map : Slant.RemoveFromLabels(map, width, height, Shear, Page, (Ink.Ink.Width, Ink.Ink.Height));

    /// <summary>The same ink with <paramref name="blobs"/> sliced too, however narrow (each stays a candidate whole).</summary>
    public LineSegmentation Recut(IReadOnlySet<int> blobs, LineOptions options)
    {
        var pieces = InkPieces.Cut(Ink, Line, blobs);
        return this with { Pieces = pieces, Runs = RunsOf(pieces, Line, options) };
    }

    /// <summary>
    /// Each piece on its own (unless it is a speck), each run of up to N pieces narrow and close enough to be one
    /// character, and every sliced blob whole when it could be one character (<see cref="CanBeWhole"/>): an uncut blob
    /// is always a candidate.
    /// </summary>
    private static List<(int From, int To)> RunsOf(IReadOnlyList<InkPiece> pieces, LineGeometry line, LineOptions options)
    {
        var runs = new HashSet<(int From, int To)>();
        foreach (var blob in pieces.Select(p => p.Blob).Distinct())
        {
            var indices = Enumerable.Range(0, pieces.Count).Where(i => pieces[i].Blob == blob).ToList();
            if (indices.Count > 1 && indices[^1] - indices[0] + 1 == indices.Count && CanBeWhole(Union(pieces, indices[0], indices[^1] + 1), line, options))
                runs.Add((indices[0], indices[^1] + 1));
        }
        for (var from = 0; from < pieces.Count; from++)
        {
            // A piece on its own is always a candidate (however wide), so every line has a reading.
            if (IsReadable(pieces[from], line))
                runs.Add((from, from + 1));
            for (var to = from + 2; to <= Math.Min(pieces.Count, from + options.MaxPiecesPerCharacter); to++)
            {
                if (!CanBeOneCharacter(pieces, from, to, line, options))
                    break;
                runs.Add((from, to));
            }
        }
        return [.. runs.OrderBy(r => r.From).ThenBy(r => r.To)];
    }

    /// <summary>Whether a piece is a dot or a speck rather than a character's worth of ink.</summary>
    public static bool IsSmall(InkPiece piece, LineGeometry line) => line.IsSmall(piece.Box);

    /// <summary>
    /// Whether the network reads a piece on its own: any but a dot or a speck. A small mark is read when it is a dash
    /// (<see cref="IsDash"/>) or at least <see cref="ReadableSize"/> digit heights across: an = written small, its
    /// bars run together into one blob 0.23 × 0.18 digit heights, was left unread as a speck (`1−13=` read `1−13`).
    /// A dot too small to be a character stays a possible multiplication dot only.
    /// </summary>
    public static bool IsReadable(InkPiece piece, LineGeometry line) =>
        !IsSmall(piece, line) || IsDash(piece, line) || Math.Max(piece.Box.Width, piece.Box.Height) >= ReadableSize * line.Height;

    /// <summary>
    /// How wide or tall a small mark is, in digit heights, to be read by the network. On 600 validation sums, 0.1 and
    /// 0.15 read the one such line right and changed no other; 2,000 validation sums read exactly as without the rule
    /// at 0.1, 0.15 and 0.2, and 3,000 digit lines at 0.15.
    /// </summary>
    private const double ReadableSize = 0.15;

    /// <summary>
    /// Whether a piece is at least <see cref="DashRatio"/> times as wide as tall and <see cref="DashWidth"/> digit heights
    /// wide: a small one is a short minus written fast, never a multiplication dot, so the network reads it like any
    /// character.
    /// </summary>
    internal static bool IsDash(InkPiece piece, LineGeometry line) => piece.Box.Width >= DashRatio * piece.Box.Height && piece.Box.Width >= DashWidth * line.Height;

    /// <summary>
    /// How wide a dash is at least, in digit heights. A fine pen's multiplication dot is a few pixels across, and one
    /// pixel more of width than height made it a dash, read as a minus (<c>9·3</c> read <c>9−3</c>); the shortest minus
    /// seen is 0.25 digit heights. On 2,000 validation sums (a quarter of whose × are dots), 0 (as before), 0.1, 0.15,
    /// 0.2 and 0.25 read 88.8, 88.8, 88.9, 88.9 and 88.6 % exactly; digit lines as before at 0.15.
    /// </summary>
    private const double DashWidth = 0.15;

    /// <summary>
    /// How much wider than tall a small mark is to be a dash. A dot is about as wide as tall; a minus flicked short
    /// curls at its end (13 × 8 px beside 45 px digits) and was read as a multiplication dot at 2. Chosen on the
    /// validation sums (1,000): 2, 1.6, 1.5 and 1.4 read 84.8, 85.0, 85.0 and 85.0 % exactly (digit lines 91.9 % at 2
    /// and 1.5).
    /// </summary>
    private const double DashRatio = 1.5;

    /// <summary>
    /// Whether a blob the cuts sliced may still be read whole: a character written wider than the rest of the line is
    /// sliced too, and no run of its slices may be wider than <see cref="LineOptions.MaxWidth"/>. Several characters
    /// touching are wider still, and read whole as one unsure character they could outscore the readings their
    /// slices offer (seven touching digits read as one 7 at 1 %).
    /// </summary>
    private static bool CanBeWhole(PixelBox blob, LineGeometry line, LineOptions options) =>
        blob.Width <= WholeWidth * options.MaxWidth * line.Height;

    /// <summary>
    /// How much wider than <see cref="LineOptions.MaxWidth"/> a sliced blob may be read whole. Chosen on 3,000 lines of
    /// digits of the validation styles: 1, 1.5, 2 and 3 read 93.0, 93.6, 93.5 and 93.5 % exactly (93.4 % with no
    /// limit); sums read alike at each.
    /// </summary>
    private const double WholeWidth = 1.5;

    /// <summary>
    /// Whether the run holds two marks of some height (at least <see cref="ApartHeight"/> digit heights; slices of one
    /// blob count as one mark) with background between them across the whole line height: two characters, however
    /// unsure each is alone. Read together they could outscore their own readings (two wavy 1s read as one 8 at 19 %, a
    /// 1 and the 4 after it as one 4). Marks stacked one over the other (the bars of =, the dots of ÷) overlap across
    /// and stay joinable.
    /// </summary>
    private static bool MarksStandApart(IReadOnlyList<InkPiece> pieces, int from, int to, LineGeometry line)
    {
        var marks = Enumerable.Range(from, to - from).GroupBy(i => pieces[i].Blob)
            .Select(blob => blob.Select(i => pieces[i].Box).Aggregate((a, b) => a.Union(b)))
            .Where(box => box.Height >= ApartHeight * line.Height).OrderBy(box => box.Left).ToList();
        for (var m = 1; m < marks.Count; m++)
        {
            if (marks[m].Left > marks.Take(m).Max(box => box.Right))
                return true;
        }
        return false;
    }

    /// <summary>
    /// Marks at least this many digit heights tall count in <see cref="MarksStandApart"/>: the height of a + or ×, not of
    /// a minus or a bar of =. Chosen on the validation lines (3,000 of digits, 2,000 sums, read exactly): without the
    /// rule 93.6 / 85.0 %; at 0.8, 0.6, 0.5, 0.4, 0.3, 0.2 and 0.1, 93.6 / –, 93.7 / 85.1, 93.7 / –, 93.7 / 85.3,
    /// 93.7 / 85.4, 93.7 / 85.3 and 93.8 / 85.0 %.
    /// </summary>
    private const double ApartHeight = 0.3;

    /// <summary>
    /// Whether the run holds a mark of a character's height and, wholly beside it (in none of its columns), a small mark
    /// of its own (a dot, not a sliver cut off a blob): two characters, since a dot is written on its own. Read together
    /// the dot hardly shows once the run is scaled to 28 × 28: a 9 with the colon of a ÷ beside it was read as a 9 at
    /// 97 % (<c>19:9</c> read <c>199</c>), a 2 with a colon's upper dot as a 2 (<c>15:2</c> read <c>15×2</c>, the lower
    /// dot left a multiplication dot). Dots above or below a character's stroke stay joinable. On 2,000 validation
    /// sums 86.7 → 86.8 % read exactly (wrong number of symbols 2.4 → 2.2 %); digit lines read as before.
    /// </summary>
    internal static bool DotBesideCharacter(IReadOnlyList<InkPiece> pieces, int from, int to, LineGeometry line)
    {
        var tall = Enumerable.Range(from, to - from).Where(i => !line.IsShort(pieces[i].Box)).Select(i => pieces[i].Box).ToList();
        if (tall.Count == 0)
            return false;
        var (left, right) = (tall.Min(b => b.Left), tall.Max(b => b.Right));
        return Enumerable.Range(from, to - from).Any(i =>
            IsSmall(pieces[i], line) && !IsPartial(pieces, i, i + 1) && (pieces[i].Box.Left >= right || pieces[i].Box.Right <= left));
    }

    /// <summary>
    /// How much wider than <see cref="LineOptions.MaxWidth"/> a character made only of flat marks (each under half a
    /// digit height: the bars of =, the bar and dots of ÷) may be. People draw an = as wide as they like: one 1.2 digit
    /// heights wide was never offered whole, and "7−7=" was read "7−7−−". On 2,000 validation sums 1 (as before), 1.5, 2
    /// and 3 read 86.4 % exactly each time, with the wrong number of symbols 2.7, 2.6, 2.6 and 2.6 %.
    /// </summary>
    private const double FlatWidth = 2;

    private static bool CanBeOneCharacter(IReadOnlyList<InkPiece> pieces, int from, int to, LineGeometry line, LineOptions options)
    {
        var flat = Enumerable.Range(from, to - from).All(i => line.IsShort(pieces[i].Box));
        if (Union(pieces, from, to).Width > options.MaxWidth * (flat ? FlatWidth : 1) * line.Height)
            return false;
        if (MarksStandApart(pieces, from, to, line) || DotBesideCharacter(pieces, from, to, line))
            return false;
        var ordered = Enumerable.Range(from, to - from).Select(i => pieces[i].Box).OrderBy(b => b.Left).ToList();
        var right = ordered[0].Right;
        foreach (var box in ordered.Skip(1))
        {
            if (box.Left - right > MaxGap * line.Height)
                return false;
            right = Math.Max(right, box.Right);
        }
        return true;
    }

    /// <summary>The height, position and lean of pieces [<paramref name="from"/>, <paramref name="to"/>) on the line.</summary>
    public MarkShape Shape(int from, int to) =>
        Line.Shape(Box(from, to), MarkShape.LeanOf(Enumerable.Range(from, to - from).SelectMany(i => Pieces[i].Pixels), Ink.Ink));

    /// <summary>
    /// Whether pieces [<paramref name="from"/>, <paramref name="to"/>) hold part of a blob the cuts sliced, the rest of it
    /// outside the run: a piece of a character, or a character cut from the one it touches.
    /// </summary>
    public bool IsPartial(int from, int to) => IsPartial(Pieces, from, to);

    /// <inheritdoc cref="IsPartial(int, int)"/>
    public static bool IsPartial(IReadOnlyList<InkPiece> pieces, int from, int to)
    {
        var blobs = Enumerable.Range(from, to - from).Select(i => pieces[i].Blob).ToHashSet();
        return Enumerable.Range(0, pieces.Count).Any(i => (i < from || i >= to) && blobs.Contains(pieces[i].Blob));
    }

    /// <summary>The box around pieces [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public PixelBox Box(int from, int to) => Union(Pieces, from, to);

    private static PixelBox Union(IReadOnlyList<InkPiece> pieces, int from, int to)
    {
        var box = pieces[from].Box;
        for (var i = from + 1; i < to; i++)
            box = box.Union(pieces[i].Box);
        return box;
    }

    /// <summary>
    /// What tells the ink of pieces [<paramref name="from"/>, <paramref name="to"/>) from any other run's, across a
    /// <see cref="Recut"/>: each piece's blob, box and area. A recut slices only the blobs it is given and makes every
    /// other piece as before, so a run of the same pieces is the same ink, and the network would read it the same.
    /// </summary>
    public string Key(int from, int to) =>
        string.Join(';', Enumerable.Range(from, to - from).Select(i => (Pieces[i].Blob, Pieces[i].Box.Left, Pieces[i].Box.Top, Pieces[i].Box.Width, Pieces[i].Box.Height, Pieces[i].Area)));

    /// <summary>The run's ink alone, in MNIST form, as the network reads it.</summary>
    public GrayImage Field(int from, int to)
    {
        var box = Box(from, to);
        var crop = GrayImage.Blank(box.Width, box.Height);
        var width = Ink.Ink.Width;
        for (var i = from; i < to; i++)
        {
            foreach (var index in Pieces[i].Pixels)
                crop[index % width - box.Left, index / width - box.Top] = Ink.Ink.Pixels[index];
        }
        return MnistFormatter.Format(crop, new PixelBox(0, 0, box.Width, box.Height));
    }
}
