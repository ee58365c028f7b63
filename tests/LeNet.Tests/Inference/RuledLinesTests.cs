using LeNet.Inference;

namespace LeNet.Tests.Inference;

/// <summary>Lifting the printed rules of ruled paper out of the ink, and leaving the writing.</summary>
public sealed class RuledLinesTests
{
    [Fact]
    public void Rules_across_a_photo_are_lifted_and_the_strokes_crossing_them_stay_whole()
    {
        // Two rules half as strong as the pen, climbing 2 %, and two strokes of the pen crossing both.
        var ink = Blank(400, 160);
        Rule(ink, 40, 0.02, thickness: 2, strength: 0.5f);
        Rule(ink, 110, 0.02, thickness: 2, strength: 0.5f);
        Stroke(ink, 100, 30, 4, 95);
        Stroke(ink, 250, 30, 4, 95);
        var strokes = StrokePixels(ink);

        Assert.Equal(2, RuledLines.Remove(ink));

        OnlyTheStrokesStay(ink, strokes);
    }

    [Fact]
    public void A_rule_printed_as_dark_as_the_pen_is_lifted_by_its_thinness_and_a_crossing_stroke_stays()
    {
        var ink = Blank(400, 120);
        Rule(ink, 60, -0.03, thickness: 2, strength: 1f);
        Stroke(ink, 200, 20, 5, 80);

        Assert.Equal(1, RuledLines.Remove(ink));

        Assert.All(Enumerable.Range(20, 80), y => Assert.Equal(1f, ink[202, y]));
        Assert.Equal(0f, ink[50, Row(60, -0.03, 50, 400)]);
        Assert.Equal(0f, ink[350, Row(60, -0.03, 350, 400)]);
        // Nothing of it stays: not beside the stroke (whose marks, averaged along the row, are thick there too), nor
        // at the photo's edges (where the average is cut short).
        Assert.Equal(80 * 5, ink.Pixels.Count(v => v > 0));
    }

    [Fact]
    public void The_photo_s_grain_on_a_faint_rule_goes_with_it()
    {
        // Pixels of the rule as strong as the pen, one at a time: noise, not a stroke lying along it.
        var ink = Blank(400, 100);
        Rule(ink, 50, 0, thickness: 2, strength: 0.5f);
        foreach (var x in new[] { 60, 130, 131, 250, 340 })
            ink[x, 50 + x % 2] = 1;

        Assert.Equal(1, RuledLines.Remove(ink));

        Assert.Equal([0f, 1f, 1f, 0f, 0f], new[] { 60, 130, 131, 250, 340 }.Select(x => ink[x, 50 + x % 2]));
    }

    [Fact]
    public void Faint_rules_across_a_grainy_photo_of_squared_paper_are_found()
    {
        // Rules down the page, averaged along the row, brighten a sixth of the paper: its grain is measured below its
        // median, where neither rules nor writing reach.
        var random = new Random(7);
        var ink = Blank(400, 200);
        for (var i = 0; i < ink.Pixels.Length; i++)
            ink.Pixels[i] = (float)(0.1 + 0.03 * (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5));
        foreach (var y in new[] { 25, 75, 125, 175 })
            Rule(ink, y, 0, thickness: 2, strength: 0.45f);
        for (var x = 13; x < 400; x += 25)
            Column(ink, x, 0, thickness: 3, strength: 0.6f);

        Assert.True(RuledLines.Remove(ink) >= 4);
    }

    [Fact]
    public void A_stroke_lying_along_a_faint_rule_stays()
    {
        // The base of a 2 written on the rule: the pen's ink is stronger than the print.
        var ink = Blank(400, 100);
        Rule(ink, 50, 0, thickness: 2, strength: 0.4f);
        for (var x = 150; x < 200; x++)
            for (var y = 49; y < 52; y++)
                ink[x, y] = 1;

        Assert.Equal(1, RuledLines.Remove(ink));

        Assert.All(Enumerable.Range(150, 50), x => Assert.Equal(1f, ink[x, 50]));
        Assert.Equal(0f, ink[100, 50]);
    }

    [Fact]
    public void A_rule_that_leaves_the_photo_at_a_corner_is_lifted()
    {
        // Turned 5°, it enters at the left edge and leaves through the bottom, five sixths of the way across.
        var ink = Blank(400, 150);
        Rule(ink, 135, 0.09, thickness: 2, strength: 0.5f);

        Assert.Equal(1, RuledLines.Remove(ink));

        Assert.Equal(0, ink.Pixels.Count(v => v > 0));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_bar_photographed_close_is_no_rule(bool seven)
    {
        // A lone minus, or a 7 whose bar spans two thirds of its photo: writing, not the paper's print.
        var ink = Blank(120, 100);
        for (var x = 20; x < 100; x++)
            for (var y = 20; y < 24; y++)
                ink[x, y] = 1;
        if (seven)
            for (var y = 24; y < 90; y++)
                for (var x = 0; x < 4; x++)
                    ink[96 - y / 2 + x, y] = 1;
        var before = ink.Clone();

        Assert.Equal(0, RuledLines.Remove(ink));

        Assert.Equal(before.Pixels, ink.Pixels);
    }

    [Fact]
    public void The_grain_of_a_dim_photo_stretched_to_full_contrast_is_no_rule()
    {
        var random = new Random(5);
        var ink = Blank(400, 200);
        for (var i = 0; i < ink.Pixels.Length; i++)
            ink.Pixels[i] = (float)(random.NextDouble() * random.NextDouble() * 0.8);
        Stroke(ink, 100, 50, 4, 80);
        var before = ink.Clone();

        Assert.Equal(0, RuledLines.Remove(ink));

        Assert.Equal(before.Pixels, ink.Pixels);
    }

    [Fact]
    public void Squared_paper_s_rules_down_the_page_are_lifted_with_those_across_and_the_strokes_crossing_them_stay()
    {
        // A grid of 60-pixel squares turned a little, a stroke down between two rules and a minus across one.
        var ink = Blank(400, 200);
        foreach (var y in new[] { 40, 100, 160 })
            Rule(ink, y, 0.02, thickness: 2, strength: 0.5f);
        foreach (var x in new[] { 30, 90, 150, 210, 270, 330, 390 })
            Column(ink, x, -0.02, thickness: 2, strength: 0.5f);
        Stroke(ink, 120, 50, 4, 95);
        for (var x = 190; x < 240; x++)
            for (var y = 68; y < 72; y++)
                ink[x, y] = 1;
        var strokes = StrokePixels(ink);

        Assert.Equal(10, RuledLines.Remove(ink));

        OnlyTheStrokesStay(ink, strokes);
    }

    [Fact]
    public void Tall_thin_strokes_on_ruled_paper_are_no_rules_down_the_page()
    {
        // Rules as dark as the pen, lifted by thinness alone: three strokes running down nearly all the photo, but on no
        // grid of the rules' step, stay whole.
        var ink = Blank(400, 150);
        Rule(ink, 45, 0, thickness: 2, strength: 1f);
        Rule(ink, 105, 0, thickness: 2, strength: 1f);
        foreach (var x in new[] { 100, 170, 300 })
            Stroke(ink, x, 5, 2, 140);
        var strokes = StrokePixels(ink).Where(p => p.Y is < 44 or > 46 and < 104 or > 106).ToList();

        Assert.Equal(2, RuledLines.Remove(ink));

        Assert.All(strokes, p => Assert.Equal(1f, ink[p.X, p.Y]));
    }

    [Fact]
    public void A_rule_mostly_outside_the_photo_is_lifted_with_the_others()
    {
        // The fourth rule enters at the bottom left corner for a few strips only: too little of the photo to be found, the
        // next after three a steady step apart.
        var ink = Blank(400, 200);
        foreach (var y in new[] { 30, 90, 150, 210 })
            Rule(ink, y, 0.06, thickness: 2, strength: 0.5f);

        Assert.Equal(3, RuledLines.Remove(ink));

        Assert.Equal(0, ink.Pixels.Count(v => v > 0));
    }

    private static GrayImage Blank(int width, int height) => GrayImage.Blank(width, height);

    private static int Row(double middle, double slope, int x, int width) => (int)Math.Round(middle + (x - width / 2.0) * slope);

    /// <summary>A rule through <paramref name="middle"/> at the middle column, across the whole image.</summary>
    private static void Rule(GrayImage ink, double middle, double slope, int thickness, float strength) =>
        Print(ink, middle, slope, thickness, strength, down: false);

    /// <summary>A rule down the image through <paramref name="middle"/> at the middle row, leaning <paramref name="slope"/> columns a row.</summary>
    private static void Column(GrayImage ink, double middle, double slope, int thickness, float strength) =>
        Print(ink, middle, slope, thickness, strength, down: true);

    /// <summary>A printed rule across the image, or <paramref name="down"/> it, no fainter where it meets another.</summary>
    private static void Print(GrayImage ink, double middle, double slope, int thickness, float strength, bool down)
    {
        var (along, across) = down ? (ink.Height, ink.Width) : (ink.Width, ink.Height);
        for (var a = 0; a < along; a++)
        {
            var first = Row(middle, slope, a, along);
            for (var b = Math.Max(0, first); b < Math.Min(across, first + thickness); b++)
            {
                var (x, y) = down ? (b, a) : (a, b);
                ink[x, y] = Math.Max(ink[x, y], strength);
            }
        }
    }

    /// <summary>A vertical stroke of the pen (full strength).</summary>
    private static void Stroke(GrayImage ink, int left, int top, int width, int height)
    {
        for (var y = top; y < top + height; y++)
            for (var x = left; x < left + width; x++)
                ink[x, y] = 1;
    }

    /// <summary>Every pixel of the strokes is as it was, and nothing else is left.</summary>
    private static void OnlyTheStrokesStay(GrayImage ink, List<(int X, int Y)> strokes)
    {
        Assert.All(strokes, p => Assert.Equal(1f, ink[p.X, p.Y]));
        Assert.Equal(strokes.Count, ink.Pixels.Count(v => v > 0));
    }

    private static List<(int X, int Y)> StrokePixels(GrayImage ink) =>
        [.. Enumerable.Range(0, ink.Height).SelectMany(y => Enumerable.Range(0, ink.Width).Where(x => ink[x, y] == 1f).Select(x => (x, y)))];
}
