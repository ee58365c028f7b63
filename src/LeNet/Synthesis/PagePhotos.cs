using LeNet.Inference;

namespace LeNet.Synthesis;

/// <summary>One generated photo of a page of lines (a worksheet of sums, a column of numbers), with what each line says.</summary>
/// <param name="Photo">JPEG bytes.</param>
/// <param name="Lines">The symbols written on each line, top to bottom.</param>
/// <param name="Hand">Who wrote the page.</param>
public sealed record PagePhoto(byte[] Photo, IReadOnlyList<string> Lines, string Hand);

/// <summary>
/// Photos of pages of 2–5 lines, all in one hand at one size, as <see cref="LinePhotos"/> writes a line: each line
/// starting a little left or right of the one above, with a gap between the lines of a third to one and a half
/// characters' height, the page photographed a little turned.
/// </summary>
public static class PagePhotos
{
    /// <summary>Most lines on a page.</summary>
    public const int MostLines = 5;

    /// <summary>The largest turn of a page's photo, degrees: a page is photographed straighter than a scrap of one line.</summary>
    private const double MaxRotation = 2;

    /// <summary>
    /// <paramref name="count"/> page photos of lines of <paramref name="kind"/>, page <c>i</c> written by
    /// <paramref name="hands"/>(i) on <paramref name="paper"/>; on ruled paper a writer who follows the rules stands
    /// each line on the first rule below where it would have been.
    /// </summary>
    public static IReadOnlyList<PagePhoto> Create(Func<int, IHand> hands, LineKind kind, int count, int seed, int threads = 0, Paper paper = Paper.Plain)
    {
        var photos = new PagePhoto[count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, count, parallel, i =>
        {
            var random = new Random(StableHash.Of($"page/{kind}", seed, i));
            var hand = hands(i);
            var layout = new LineLayout(Height: Math.Exp(Noise.Between(random, Math.Log(30), Math.Log(70))), LinePhotos.TouchingChance,
                DotChance: random.NextDouble() < LinePhotos.DotChance ? 1 : 0);
            var lines = Enumerable.Range(0, random.Next(2, MostLines + 1))
                .Select(_ => LineComposer.Write(hand, [.. LineTexts.Of(kind, hand, random).Select(c => c.ToString())], layout, random)).ToList();
            var rules = new Random(StableHash.Of($"ruling/page/{kind}", seed, i));
            var ruling = Ruling.On(paper, layout.Height, LinePhotos.Baseline(lines[0]), rules);
            var page = Stack(lines, layout.Height, random, ruling, rules);
            photos[i] = new PagePhoto(PaperPhoto.Take(page, random, MaxRotation, ruling), [.. lines.Select(l => l.Text)],
                hand is PenHand ? HandwritingPhotos.PenWriters : hand.Name);
        });
        return photos;
    }

    /// <summary>
    /// The lines' inks one under another, each shifted right by up to a character's height (and on
    /// <paramref name="ruling"/>'s next rule, when its writer follows the rules).
    /// </summary>
    private static GrayImage Stack(IReadOnlyList<WrittenLine> written, double height, Random random, Ruling? ruling, Random rules)
    {
        var lines = written.Select(l => l.Ink).ToList();
        var lefts = lines.Select(_ => (int)Noise.Between(random, 0, height)).ToList();
        var gaps = lines.Select(_ => (int)(height * Noise.Between(random, 0.35, 1.5))).ToList();
        var tops = new int[lines.Count];
        for (var k = 1; k < lines.Count; k++)
        {
            var top = tops[k - 1] + lines[k - 1].Height + gaps[k];
            var baseline = LinePhotos.Baseline(written[k]);
            tops[k] = ruling is null ? top : Math.Max(top, (int)Math.Round(ruling.Snap(top + baseline, height, rules) - baseline));
        }
        var width = lines.Select((l, k) => l.Width + lefts[k]).Max();
        var page = GrayImage.Blank(width, tops[^1] + lines[^1].Height);
        for (var k = 0; k < lines.Count; k++)
        {
            var (top, line) = (tops[k], lines[k]);
            for (var y = 0; y < line.Height; y++)
            {
                for (var x = 0; x < line.Width; x++)
                    page[lefts[k] + x, top + y] = Math.Max(page[lefts[k] + x, top + y], line[x, y]);
            }
        }
        return page;
    }
}
