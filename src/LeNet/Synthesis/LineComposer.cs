using LeNet.Inference;

namespace LeNet.Synthesis;

/// <summary>One character of a written line: what it is, where its ink is, and how it was written.</summary>
public sealed record WrittenCharacter(string Label, PixelBox Box, string Variant);

/// <summary>A line of writing: its ink (bright on black) and the truth about every character in it.</summary>
/// <param name="Touching">Indices <c>i</c> where character <c>i</c> was written touching character <c>i + 1</c>.</param>
/// <param name="Owners">For every pixel of <paramref name="Ink"/>, the character whose ink is strongest there (−1: none).</param>
/// <param name="DotsForTimes">
/// Whether × was written as a dot in the line: every ×, by a writer who writes dots (<see cref="LineLayout.DotChance"/>),
/// or where the text asked for one (<see cref="Symbols.MultiplicationDot"/>).
/// </param>
public sealed record WrittenLine(GrayImage Ink, IReadOnlyList<WrittenCharacter> Characters, IReadOnlySet<int> Touching, int[] Owners, bool DotsForTimes = false)
{
    /// <summary>The characters' classes, concatenated.</summary>
    public string Text => string.Concat(Characters.Select(c => c.Label));
}

/// <summary>How a line is laid out.</summary>
/// <param name="Height">A digit's height in pixels.</param>
/// <param name="TouchingChance">Chance that two neighbouring characters are written touching.</param>
/// <param name="Slope">Largest slope of the line's baseline (rise per run), drawn per line.</param>
/// <param name="DotChance">
/// Chance that the line's writer writes × as a dot (<c>3·4</c>), drawn once per line holding a ×: a writer who writes
/// the dot writes it every time. Only lines to be read have such dots; the network never learns a dot as ×.
/// </param>
public sealed record LineLayout(double Height = 48, double TouchingChance = 0, double Slope = 0.03, double DotChance = 0);

/// <summary>
/// Writes a sequence of characters in one hand, left to right, as people do: a gap measured between the inks (so
/// slanted characters do not collide), a baseline that wanders and slopes a little, and now and then two neighbours
/// touching, their inks overlapping by a pixel or two.
/// </summary>
public static class LineComposer
{
    /// <summary>
    /// Writes <paramref name="labels"/> with <paramref name="hand"/>; a <see cref="Symbols.MultiplicationDot"/> among them
    /// is written as a dot and is a × in the line's truth.
    /// </summary>
    public static WrittenLine Write(IHand hand, IReadOnlyList<string> labels, LineLayout layout, Random random)
    {
        var height = layout.Height;
        var spacing = hand is PenHand pen ? pen.Style.Spacing / 100 : Noise.Between(random, 0.04, 0.34);
        var drift = hand is PenHand p ? p.Style.Drift / 100 : Noise.Between(random, 0, 0.07);
        var slope = Noise.Between(random, -layout.Slope, layout.Slope);
        var placed = new List<(InkGlyph Glyph, int Left, int Top)>();
        var touching = new HashSet<int>();
        var written = Written(hand, labels, layout, random);
        List<string> truth = [.. labels.Select(l => l == Symbols.MultiplicationDot ? Symbols.Times : l)];
        for (var i = 0; i < truth.Count; i++)
        {
            var label = truth[i];
            var glyph = hand.Write(written[i], height, random);
            if (placed.Count == 0)
            {
                placed.Add((glyph, 0, Top(glyph, 0, height, slope, drift, random)));
                continue;
            }
            var previous = truth[placed.Count - 1];
            // Digits of one number touch now and then; people leave room around operators.
            var digits = Symbols.IsDigit(label) && Symbols.IsDigit(previous);
            var touch = digits && random.NextDouble() < layout.TouchingChance;
            var apart = IsOperator(label) || IsOperator(previous);
            var room = apart ? Noise.Between(random, 1.2, 2.4) : 1;
            // Touching: the inks meet (0) or overlap by a pixel in the closest row, as a pen brushing its neighbour does.
            var gap = touch ? -random.Next(0, 2) : Math.Max(2, height * spacing * room * Noise.Between(random, 0.6, 1.4));
            var left = PlaceAfter(placed, glyph, height, (int)Math.Round(gap), apart, slope, drift, random, out var top);
            if (touch)
                touching.Add(placed.Count - 1);
            placed.Add((glyph, left, top));
        }
        return Compose(placed, truth, touching) with { DotsForTimes = written.Contains(Symbols.MultiplicationDot) };
    }

    /// <summary>
    /// What the hand draws for each label: a dot for every × when the line's writer writes dots (drawn once per line with
    /// <see cref="LineLayout.DotChance"/>), a dot where the text asks for one, and a × there when the hand has no dot.
    /// </summary>
    private static List<string> Written(IHand hand, IReadOnlyList<string> labels, LineLayout layout, Random random)
    {
        var canDot = hand.CanWrite(Symbols.MultiplicationDot);
        var dots = layout.DotChance > 0 && labels.Contains(Symbols.Times) && canDot && random.NextDouble() < layout.DotChance;
        return [.. labels.Select(l => l == Symbols.MultiplicationDot && !canDot ? Symbols.Times : dots && l == Symbols.Times ? Symbols.MultiplicationDot : l)];
    }

    private static bool IsOperator(string label) => !Symbols.IsDigit(label) && label is not (Symbols.Open or Symbols.Close);

    /// <summary>The row of the glyph's top so that its cell sits on the (sloping, wandering) line.</summary>
    private static int Top(InkGlyph glyph, int left, double height, double slope, double drift, Random random) =>
        (int)Math.Round(height * 0.5 + slope * left + height * drift * Noise.Gaussian(random) - glyph.CellTop);

    /// <summary>
    /// The column where <paramref name="glyph"/> starts so that its ink is <paramref name="gap"/> pixels right of
    /// the ink already written in the rows they share (negative: overlapping, i.e. touching); and, when
    /// <paramref name="apart"/> (an operator either side), right of all of the previous character's ink, as people
    /// write a sign beside its numbers, never tucked under a 5's flag or over a colon's dots.
    /// </summary>
    private static int PlaceAfter(List<(InkGlyph Glyph, int Left, int Top)> placed, InkGlyph glyph, double height, int gap, bool apart,
        double slope, double drift, Random random, out int top)
    {
        var previous = placed[^1];
        var guess = previous.Left + previous.Glyph.Ink.Width;
        top = Top(glyph, guess, height, slope, drift, random);
        var (best, leftmostInk) = (int.MinValue, int.MaxValue);
        for (var y = 0; y < glyph.Ink.Height; y++)
        {
            var row = top + y;
            var firstInk = FirstInk(glyph.Ink, y);
            if (firstInk < 0)
                continue;
            leftmostInk = Math.Min(leftmostInk, firstInk);
            foreach (var (other, otherLeft, otherTop) in placed.TakeLast(2))
            {
                var otherY = row - otherTop;
                if (otherY < 0 || otherY >= other.Ink.Height)
                    continue;
                var lastInk = LastInk(other.Ink, otherY);
                if (lastInk >= 0)
                    best = Math.Max(best, otherLeft + lastInk + 1 + gap - firstInk);
            }
        }
        // No shared rows (a minus beside a tall digit's top, say): fall back to the boxes.
        if (best == int.MinValue)
            return guess + gap;
        return apart ? Math.Max(best, previous.Left + RightmostInk(previous.Glyph.Ink) + 1 + gap - leftmostInk) : best;
    }

    /// <summary>The last column holding ink in any row of <paramref name="image"/> (−1: none).</summary>
    private static int RightmostInk(GrayImage image) => Enumerable.Range(0, image.Height).Max(y => LastInk(image, y));

    private static int FirstInk(GrayImage image, int y)
    {
        for (var x = 0; x < image.Width; x++)
            if (image[x, y] > 0.5f)
                return x;
        return -1;
    }

    private static int LastInk(GrayImage image, int y)
    {
        for (var x = image.Width - 1; x >= 0; x--)
            if (image[x, y] > 0.5f)
                return x;
        return -1;
    }

    private static WrittenLine Compose(List<(InkGlyph Glyph, int Left, int Top)> placed, IReadOnlyList<string> labels, HashSet<int> touching)
    {
        const int Margin = 4;
        var minLeft = placed.Min(p => p.Left);
        var minTop = placed.Min(p => p.Top);
        var width = placed.Max(p => p.Left + p.Glyph.Ink.Width) - minLeft + 2 * Margin;
        var height = placed.Max(p => p.Top + p.Glyph.Ink.Height) - minTop + 2 * Margin;
        var ink = GrayImage.Blank(width, height);
        var owners = new int[width * height];
        Array.Fill(owners, -1);
        var characters = new List<WrittenCharacter>();
        for (var i = 0; i < placed.Count; i++)
        {
            var (glyph, left, top) = placed[i];
            var (ox, oy) = (left - minLeft + Margin, top - minTop + Margin);
            int boxLeft = int.MaxValue, boxTop = int.MaxValue, boxRight = -1, boxBottom = -1;
            for (var y = 0; y < glyph.Ink.Height; y++)
            {
                for (var x = 0; x < glyph.Ink.Width; x++)
                {
                    var v = glyph.Ink[x, y];
                    if (v <= 0)
                        continue;
                    if (v > ink[ox + x, oy + y])
                        (ink[ox + x, oy + y], owners[(oy + y) * width + ox + x]) = (v, i);
                    if (v > 0.5f)
                        (boxLeft, boxTop, boxRight, boxBottom) = (Math.Min(boxLeft, ox + x), Math.Min(boxTop, oy + y), Math.Max(boxRight, ox + x), Math.Max(boxBottom, oy + y));
                }
            }
            var box = boxRight < 0 ? new PixelBox(ox, oy, 1, 1) : new PixelBox(boxLeft, boxTop, boxRight - boxLeft + 1, boxBottom - boxTop + 1);
            characters.Add(new WrittenCharacter(labels[i], box, glyph.Variant));
        }
        return new WrittenLine(ink, characters, touching, owners);
    }
}
