using LeNet.Inference;

namespace LeNet.Tests.Inference;

/// <summary>Finding the lines of a page: what parts two lines, and what never does.</summary>
public sealed class TextLinesTests
{
    [Fact]
    public void Two_lines_of_digits_one_under_the_other_are_two_bands_that_part_halfway_between_them()
    {
        // "3+4" over "12", digits 40 pixels tall, the second line 30 pixels under the first.
        var ink = Ink(400, 200, Digit(50, 20), Bar(95, 38, 20, 4), Bar(103, 30, 4, 20), Digit(125, 20), Digit(50, 90), Digit(80, 92));

        var bands = TextLines.Find(ink);

        Assert.Equal([new PixelBox(0, 0, 400, 75), new PixelBox(0, 75, 400, 125)], bands);
    }

    [Fact]
    public void The_bars_of_equals_and_the_dots_of_a_division_sign_leave_a_line_whole()
    {
        // "8÷3=5": the dots above and below the ÷'s bar and the bars of = are small marks stacked in the line.
        var ink = Ink(400, 120, Digit(20, 40), Dot(72, 44), Bar(64, 58, 20, 4), Dot(72, 70), Digit(100, 40), Bar(150, 52, 24, 4), Bar(150, 64, 24, 4), Digit(190, 40));

        Assert.Single(TextLines.Find(ink));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_lone_division_sign_or_equals_sign_is_one_line_not_a_stack_of_lines(bool division)
    {
        // Alone, the dots and bars are the tallest marks there are: each would be a "line" of its own.
        var ink = division ? Ink(100, 100, Dot(46, 20), Bar(30, 46, 40, 6), Dot(46, 72)) : Ink(100, 100, Bar(30, 35, 40, 6), Bar(30, 60, 40, 6));

        Assert.Single(TextLines.Find(ink));
    }

    [Fact]
    public void A_number_that_climbs_the_page_with_no_column_in_common_is_one_line()
    {
        // "12" and then "34" written higher up, further right: bands side by side, not stacked.
        var ink = Ink(400, 200, Digit(20, 120), Digit(50, 122), Digit(200, 40), Digit(230, 38));

        Assert.Single(TextLines.Find(ink));
    }

    [Fact]
    public void Lines_each_written_in_one_run_of_touching_digits_are_lines_not_the_parts_of_one_symbol()
    {
        // A writer whose every number is one blob: "888" over "27" over "7736", each a single mark of strokes.
        var ink = Ink(300, 250, Bar(40, 20, 66, 40), Bar(30, 90, 44, 40), Bar(35, 160, 88, 40));

        Assert.Equal(3, TextLines.Find(ink).Count);
    }

    [Fact]
    public void A_line_of_one_mark_among_longer_lines_is_a_line_of_its_own()
    {
        // "45" over "7" over "89": a column of numbers, one of them a single digit (or digits run together in one blob).
        var bands = TextLines.Bands(Ink(200, 200, Digit(50, 20), Digit(80, 20), Digit(50, 75), Digit(50, 130), Digit(80, 130)).Blobs);

        Assert.Equal([75, 75 + 40], new[] { bands[1].Top, bands[1].Bottom });
        Assert.Equal(3, bands.Count);
    }

    [Fact]
    public void A_ruled_line_climbing_across_a_turned_photo_is_no_line_of_writing()
    {
        // 600 pixels long, climbing 30 across the photo: as tall as a character, but a rule, not writing.
        var ink = Ink(700, 200, Digit(50, 100), Digit(80, 100), Digit(110, 100), Bar(20, 40, 600, 30));

        Assert.Single(TextLines.Find(ink));
    }

    [Fact]
    public void More_rows_of_marks_than_a_page_holds_are_read_as_one_photo_not_band_by_band()
    {
        // Rows of specks or a texture would otherwise be read as dozens of lines, each costing a line's reading.
        var rows = Enumerable.Range(0, TextLines.MostLines + 1).SelectMany(r => new[] { Digit(20, 50 * r), Digit(50, 50 * r) }).ToArray();

        Assert.Single(TextLines.Find(Ink(100, 50 * rows.Length, rows)));
        Assert.Equal(TextLines.MostLines, TextLines.Find(Ink(100, 50 * rows.Length, rows[..^2])).Count);
    }

    private static PixelBox Digit(int left, int top) => new(left, top, 22, 40);

    private static PixelBox Bar(int left, int top, int width, int height) => new(left, top, width, height);

    private static PixelBox Dot(int left, int top) => new(left, top, 5, 5);

    /// <summary>The marks as blobs: a digit's strokes fill a third of its box, a bar or a dot all of it.</summary>
    private static InkImage Ink(int width, int height, params PixelBox[] marks) =>
        new(GrayImage.Blank(width, height), [.. marks.Select((m, i) => new Component(i + 1, m, Area(m), Area(m)))], new int[width * height], Inverted: true);

    private static int Area(PixelBox mark) => mark.Height == 40 ? mark.Width * mark.Height / 3 : mark.Width * mark.Height;
}
