using LeNet.Inference;
using LeNet.Tests.Support;

namespace LeNet.Tests.Inference;

/// <summary>The geometry the line reader uses where the 28 × 28 input hides it: height, position, lean, slant.</summary>
public sealed class LineGeometryTests
{
    [Fact]
    public void The_digit_height_and_middle_line_come_from_the_tall_marks_only()
    {
        // Three digits 40 px tall on a line sloping down by 0.1, and a minus sign that must not count.
        PixelBox[] boxes = [new(0, 10, 20, 40), new(30, 13, 20, 40), new(100, 20, 20, 40), new(60, 32, 25, 4)];

        var line = LineGeometry.Estimate(boxes);

        Assert.Equal(40, line.Height, 9);
        Assert.Equal(0.1, line.Slope, 2);
        Assert.Equal(29, line.CentreAt(0), 6); // centres 30, 33 and 40 at columns 10, 40 and 110
    }

    [Fact]
    public void In_a_line_of_two_marks_the_digit_height_is_the_shorter_ones()
    {
        // A 4, and an 8 and a 7 touching as one taller blob: the pair must not set the height, or it would not look
        // wide enough to be cut apart.
        PixelBox[] boxes = [new(0, 10, 30, 40), new(40, 4, 44, 52)];

        Assert.Equal(40, LineGeometry.Estimate(boxes).Height, 9);
    }

    [Fact]
    public void The_parts_of_a_broken_character_count_as_one_mark_but_neighbours_side_by_side_do_not()
    {
        // "12" in a faint pen (a validation line read as nothing): the 1 came apart in two halves and the 2's arc from
        // its body, so three of the four blobs were half a digit tall, and the 2 seemed too wide to be one character.
        PixelBox[] twelve = [new(116, 111, 7, 38), new(121, 153, 8, 38), new(145, 113, 54, 23), new(153, 128, 49, 69)];
        // "78" in a fast hand: the 7 leans over the 8 beside it; their rows overlap, so they are not one character.
        PixelBox[] sevenEight = [new(0, 0, 40, 49), new(11, 20, 45, 75)];

        Assert.Equal(80, LineGeometry.Estimate(twelve).Height, 9);
        Assert.Equal(49, LineGeometry.Estimate(sevenEight).Height, 9);
    }

    [Fact]
    public void A_minus_is_short_and_centred_and_a_digit_is_full_height()
    {
        var line = new LineGeometry(Height: 40, Centre: 50, Slope: 0);

        var minus = line.Shape(new PixelBox(0, 48, 20, 4));
        var digit = line.Shape(new PixelBox(0, 30, 20, 40));

        Assert.Equal(Math.Log(0.1), minus.LogHeight, 9);
        Assert.Equal(0, minus.Offset, 9);
        Assert.Equal(0, digit.LogHeight, 9);
    }

    [Fact]
    public void A_slash_leans_and_an_upright_stroke_does_not()
    {
        var image = GrayImage.Blank(40, 40);
        for (var y = 0; y < 40; y++)
        {
            image[35 - y * 3 / 4, y] = 1; // "/": left by 0.75 per row going down
            image[5, y] = 1;              // "|"
        }
        var slash = Enumerable.Range(0, 40).Select(y => y * 40 + 35 - y * 3 / 4);
        var upright = Enumerable.Range(0, 40).Select(y => y * 40 + 5);

        Assert.InRange(MarkShape.LeanOf(slash, image), 0.7, 0.8);
        Assert.Equal(0, MarkShape.LeanOf(upright, image), 9);
    }

    [Fact]
    public void The_slant_of_leaning_strokes_is_found_and_removed()
    {
        // Three bars leaning right by 0.3 (x grows by 0.3 per row going up), 5 px wide.
        var image = GrayImage.Blank(120, 60);
        foreach (var start in new[] { 20, 50, 80 })
            for (var y = 5; y < 55; y++)
                for (var dx = 0; dx < 5; dx++)
                    image[start + dx + (int)Math.Round(0.3 * (55 - y)), y] = 1;

        var shear = Slant.Estimate(image);
        var upright = Slant.Remove(image, shear, out _);

        Assert.Equal(-0.3, shear, 1);
        Assert.InRange(Slant.Estimate(upright), -0.1, 0.1); // resampling blurs edges a little
    }

    [Theory]
    [InlineData(30)] // the pair is wider than a digit is tall
    [InlineData(60)] // narrower: tall digits leaning into each other, or two small loops
    public void Overlapping_loops_are_cut_apart_where_they_overlap(int digitHeight)
    {
        // Two rings 30 px across overlapping by a third: every way from top to bottom between them crosses two
        // strokes, as where one 6's loop lies against the next one's stem. Whether a blob is cut at all is decided
        // before (InkPieces: a lone character is never cut); once it is, a cut may cross two strokes however wide it is.
        var pair = Rings(30, 50);

        var cuts = CutPaths.Find(pair, Ink(pair), Box(pair), digitHeight);

        // Where the rings overlap (columns 37–43); cuts through either loop are candidates too, for the network to refuse.
        Assert.Contains(cuts, c => c.Centre is > 35 and < 45 && c.Strokes == 2);
    }

    [Fact]
    public void Strokes_lying_against_each_other_are_cut_along_the_seam_between_them_not_through_a_thin_part()
    {
        // A bar (columns 4–9) leaning against a thin-walled box (columns 12–25) from top to bottom: no background parts
        // them, only the seam of their soft edges (columns 10 and 11, a third as bright as a core). Crossing the box's
        // thin top and bottom costs four bright pixels; running down the seam costs forty faint ones.
        var image = GrayImage.Blank(30, 40);
        image.Fill(new PixelBox(4, 0, 6, 40), 1);
        image.Fill(new PixelBox(10, 0, 2, 40), 0.3f);
        image.Fill(new PixelBox(12, 0, 14, 40), 1);
        image.Fill(new PixelBox(14, 2, 10, 36), 0);

        var cuts = CutPaths.Find(image, Ink(image), Box(image), digitHeight: 40);

        Assert.Contains(cuts, c => c.Columns.All(x => x is 10 or 11 or 12));
    }

    [Fact]
    public void Strokes_pressed_together_with_no_seam_to_see_are_parted_down_the_middle_of_their_double_width()
    {
        // A short bar (columns 6–9, rows 8–31) pressed against the left wall of a box (columns 10–29, walls 4 px): the
        // two strokes fuse into one run 8 px wide, twice the pen, with no fainter seam between them. Crossing the box's
        // top and bottom costs eight rows of ink, running down the fused strokes twenty-four, so only a cut that takes
        // a run twice the pen's width for two strokes runs between them.
        var image = GrayImage.Blank(40, 40);
        image.Fill(new PixelBox(10, 0, 20, 40), 1);
        image.Fill(new PixelBox(14, 4, 12, 32), 0);
        image.Fill(new PixelBox(6, 8, 4, 24), 1);

        var cuts = CutPaths.Find(image, Ink(image), Box(image), digitHeight: 40);

        Assert.Contains(cuts, c => c.Columns.Skip(8).Take(24).All(x => x is 9 or 10 or 11));
    }

    [Fact]
    public void A_blob_too_narrow_to_cut_is_sliced_when_asked_because_the_network_could_not_read_it_whole()
    {
        // Two upright strokes 40 px tall joined by a short bar, narrower than a digit is tall: on geometry alone one
        // character, though it may be two 1s touching.
        var image = GrayImage.Blank(40, 50);
        image.Fill(new PixelBox(8, 5, 4, 40), 1);
        image.Fill(new PixelBox(26, 5, 4, 40), 1);
        image.Fill(new PixelBox(12, 23, 14, 3), 1);
        var ink = InkExtractor.Relabel(image, inverted: false);
        var line = new LineGeometry(Height: 40, Centre: 25, Slope: 0);
        var blob = Assert.Single(ink.Blobs).Label;

        Assert.Single(InkPieces.Cut(ink, line));
        Assert.True(InkPieces.Cut(ink, line, alsoCut: new HashSet<int> { blob }).Count > 1);
    }

    [Fact]
    public void A_run_of_touching_characters_is_never_one_candidate_however_its_slices_read()
    {
        // Six loops in a chain, each touching the next (a run of touching digits five digit heights wide), and one
        // loop alone. Offered whole, the chain read as one unsure character could beat the six readings of its slices.
        var rings = Rings(20, 44, 68, 92, 116, 140, 200);
        var image = GrayImage.Blank(rings.Width + 40, rings.Height + 40);
        for (var y = 0; y < rings.Height; y++)
            for (var x = 0; x < rings.Width; x++)
                image[x + 20, y + 20] = rings[x, y];

        var segmentation = LineSegmentation.Of(image, LineOptions.Default);

        var chain = segmentation.Pieces.Select(p => p.Blob).Distinct().Select(blob =>
            Enumerable.Range(0, segmentation.Pieces.Count).Where(i => segmentation.Pieces[i].Blob == blob).ToList()).MaxBy(p => p.Count)!;
        Assert.True(chain.Count > 1, "the chain is sliced");
        Assert.DoesNotContain((chain[0], chain[^1] + 1), segmentation.Runs);
        Assert.All(segmentation.Runs, r => Assert.True(segmentation.Box(r.From, r.To).Width <= 1.8 * segmentation.Line.Height));
    }

    [Fact]
    public void Two_tall_strokes_standing_apart_are_two_characters_but_the_bars_of_an_equals_sign_are_one()
    {
        // Two upright strokes 40 px tall, 6 px apart (two 1s, or a 1 and the stem of the next digit), and an equals
        // sign after them: its bars stand one above the other, not apart.
        var segmentation = Segmented(120, 80, new(20, 20, 4, 40), new(30, 20, 4, 40), new(60, 32, 24, 4), new(60, 44, 24, 4));

        Assert.Equal(4, segmentation.Pieces.Count);
        Assert.DoesNotContain((0, 2), segmentation.Runs);
        Assert.Contains((2, 4), segmentation.Runs);
    }

    [Fact]
    public void Specks_well_below_the_line_are_no_part_of_it_but_a_dot_on_its_middle_line_is()
    {
        // "1·1" on grey paper whose shadow left specks a digit height under the line: read, each became a symbol.
        var segmentation = Segmented(160, 160, new(20, 20, 4, 40), new(38, 38, 5, 5), new(60, 20, 4, 40), new(30, 100, 6, 4), new(70, 104, 9, 5));

        Assert.Equal([20, 38, 60], segmentation.Pieces.Select(p => p.Box.Left));
    }

    [Fact]
    public void An_equals_sign_wider_than_any_digit_is_still_offered_whole()
    {
        // "1=" with the = drawn 1.35 digit heights wide: wider than a character may be, but its bars are flat.
        var segmentation = Segmented(200, 100, new(20, 20, 4, 40), new(50, 32, 52, 4), new(52, 44, 52, 4));

        Assert.Contains((1, 3), segmentation.Runs);
    }

    [Fact]
    public void An_equals_sign_written_small_is_read_by_the_network_not_dropped_as_a_speck()
    {
        // A digit 100 px tall, then an = written small, its bars joined into one blob 22 × 17 px: smaller than a
        // character both ways and not flat enough for a dash.
        var segmentation = Segmented(160, 160, new(40, 30, 8, 100), new(80, 72, 22, 5), new(80, 84, 22, 5), new(80, 72, 3, 17));

        Assert.Equal(2, segmentation.Pieces.Count);
        Assert.True(LineSegmentation.IsSmall(segmentation.Pieces[1], segmentation.Line));
        Assert.Contains((1, 2), segmentation.Runs);
    }

    [Fact]
    public void A_lone_dot_on_the_middle_line_is_a_multiplication_dot_but_the_dots_of_a_colon_are_not()
    {
        var line = new LineGeometry(Height: 40, Centre: 50, Slope: 0);
        InkPiece Piece(int left, int top, int width, int height) => new([0], new PixelBox(left, top, width, height), left);
        var (six, two) = (Piece(0, 30, 25, 40), Piece(60, 30, 25, 40));
        // "6·2": one dot on the middle line. "6:2" (÷ written as a colon, leaning): one dot on the middle line and
        // one below it, a little to the left.
        InkPiece[] times = [six, Piece(38, 48, 5, 5), two];
        InkPiece[] colon = [six, Piece(35, 58, 5, 5), Piece(40, 46, 5, 5), two];
        string[] classes = ["6", "2", Symbols.Times, Symbols.Divide];

        Assert.Equal(Symbols.Times, Assert.Single(LineRecognizer.Dots(times, line, classes)).Prediction!.Label);
        Assert.Empty(LineRecognizer.Dots(colon, line, classes));
    }

    [Fact]
    public void A_digit_and_a_dot_beside_it_are_two_characters_but_a_digit_and_a_sliver_cut_off_it_may_be_one()
    {
        // "9:" (a ÷ written as a colon): scaled to 28 × 28 together, the dots hardly show, and "19:9" was read "199".
        var line = new LineGeometry(Height: 40, Centre: 50, Slope: 0);
        InkPiece Piece(int left, int top, int width, int height, int blob) => new([0], new PixelBox(left, top, width, height), blob);
        InkPiece[] nineColon = [Piece(0, 30, 25, 40, blob: 1), Piece(28, 40, 5, 5, blob: 2), Piece(29, 55, 5, 5, blob: 3)];
        // A 4 whose crossbar the cuts sliced, its end a small piece beside the stem: a sliver of its own ink.
        InkPiece[] fourSliced = [Piece(0, 30, 25, 40, blob: 4), Piece(28, 45, 5, 5, blob: 4)];

        Assert.True(LineSegmentation.DotBesideCharacter(nineColon, 0, 2, line));
        Assert.True(LineSegmentation.DotBesideCharacter(nineColon, 0, 3, line));
        Assert.False(LineSegmentation.DotBesideCharacter(nineColon, 1, 3, line)); // the colon alone is one character
        Assert.False(LineSegmentation.DotBesideCharacter(fourSliced, 0, 2, line));
    }

    [Fact]
    public void A_small_slice_cut_off_a_blob_is_no_multiplication_dot()
    {
        // A 4 whose crossbar runs on past its stem, its end sliced off by a cut: a dot on the middle line, but the same
        // blob as the 4 beside it. A dot is written on its own.
        var line = new LineGeometry(Height: 40, Centre: 50, Slope: 0);
        InkPiece Piece(int left, int top, int width, int height, int blob) => new([0], new PixelBox(left, top, width, height), blob);
        InkPiece[] four = [Piece(0, 30, 25, 40, blob: 1), Piece(26, 48, 6, 5, blob: 1), Piece(50, 30, 25, 40, blob: 2)];
        InkPiece[] dot = [Piece(0, 30, 25, 40, blob: 1), Piece(34, 48, 6, 5, blob: 3), Piece(50, 30, 25, 40, blob: 2)];
        string[] classes = ["4", "9", Symbols.Times];

        Assert.Empty(LineRecognizer.Dots(four, line, classes));
        Assert.Single(LineRecognizer.Dots(dot, line, classes));
    }

    [Fact]
    public void A_short_dash_on_the_middle_line_is_no_multiplication_dot_but_a_mark_for_the_network_to_read()
    {
        // "12−499" written fast: the minus, 10 × 4 px beside 40 px digits, is as small as a dot. It was offered only as
        // a multiplication dot, and read "12×499".
        var line = new LineGeometry(Height: 40, Centre: 50, Slope: 0);
        InkPiece Piece(int left, int top, int width, int height) => new([0], new PixelBox(left, top, width, height), left);
        var dash = Piece(33, 48, 10, 4);
        InkPiece[] minus = [Piece(0, 30, 25, 40), dash, Piece(50, 30, 25, 40)];

        Assert.Empty(LineRecognizer.Dots(minus, line, ["6", "2", Symbols.Times, Symbols.Minus]));
        Assert.True(LineSegmentation.IsDash(dash, line));
        Assert.False(LineSegmentation.IsDash(Piece(38, 48, 5, 5), line));
        // "51−78": the minus flicked short curls up at its end, 13 × 8 px beside 45 px digits; it was read "51×78".
        Assert.True(LineSegmentation.IsDash(Piece(36, 48, 13, 8), line with { Height = 45 }));
    }

    [Fact]
    public void A_fine_pens_dot_a_pixel_wider_than_tall_is_a_multiplication_dot_not_a_dash()
    {
        // "9·3" written with a fine pen: the dot, 5 × 3 px beside 40 px digits, was half again as wide as tall, taken for
        // a dash and read "9−3".
        var line = new LineGeometry(Height: 40, Centre: 50, Slope: 0);
        InkPiece Piece(int left, int top, int width, int height) => new([0], new PixelBox(left, top, width, height), left);
        var dot = Piece(36, 49, 5, 3);

        Assert.False(LineSegmentation.IsDash(dot, line));
        Assert.Equal(Symbols.Times, Assert.Single(LineRecognizer.Dots([Piece(0, 30, 25, 40), dot, Piece(50, 30, 25, 40)], line, ["9", "3", Symbols.Times, Symbols.Minus])).Prediction!.Label);
    }

    [Fact]
    public void A_solid_disc_too_big_to_be_small_may_be_a_multiplication_dot_but_a_ring_or_a_merged_colon_may_not()
    {
        // A font's · or a marker's dab: a solid disc 14 px across beside 40 px digits, a third of a digit height.
        var line = new LineGeometry(Height: 40, Centre: 50, Slope: 0);
        InkPiece Piece(int left, int top, int width, int height, int area) => new([.. Enumerable.Range(0, area)], new PixelBox(left, top, width, height), left);
        string[] classes = ["4", "7", Symbols.Times, Symbols.Divide];
        var (four, seven) = (Piece(0, 30, 25, 40, area: 300), Piece(60, 30, 25, 40, area: 300));
        var disc = Piece(35, 43, 14, 14, area: 160);
        var ring = Piece(35, 43, 14, 14, area: 90);
        var colon = Piece(37, 40, 9, 20, area: 150);

        var dot = Assert.Single(LineRecognizer.Dots([four, disc, seven], line, classes));
        Assert.Equal(Symbols.Times, dot.Prediction!.Label);
        Assert.True(dot.Prediction.Probability < 0.9, "a disc is a less certain dot than a small mark");
        Assert.Empty(LineRecognizer.Dots([four, ring, seven], line, classes));
        Assert.Empty(LineRecognizer.Dots([four, colon, seven], line, classes));
    }

    [Fact]
    public void The_bars_of_an_equals_sign_are_stacked_but_a_sliver_cut_off_a_bracket_under_a_digit_is_not()
    {
        InkPiece Piece(int left, int top, int width, int height, int blob, int cut = 0) => new([0], new PixelBox(left, top, width, height), blob, cut);
        // "=": two bars, each its own blob, one above the other.
        InkPiece[] equals = [Piece(0, 20, 30, 4, blob: 1), Piece(1, 32, 28, 4, blob: 2)];
        // "(4": the bracket's foot was cut off as a sliver, which lies right under the 4's stem.
        InkPiece[] bracketAndFour = [Piece(0, 0, 20, 60, blob: 3), Piece(18, 60, 6, 5, blob: 3, cut: 1), Piece(18, 0, 8, 45, blob: 4)];

        Assert.Equal(6, LineRecognizer.StackedPenalties(equals, digitHeight: 40)[1]);
        Assert.All(LineRecognizer.StackedPenalties(bracketAndFour, digitHeight: 60), penalty => Assert.Equal(0, penalty));
    }

    [Fact]
    public void A_minus_broken_where_the_pen_skipped_is_one_bar_but_two_minus_signs_apart_are_two()
    {
        InkPiece Piece(int left, int top, int width, int height, int blob) => new([0], new PixelBox(left, top, width, height), blob);
        // "9−5" whose minus broke in two, 4 px apart beside 60 px digits: read as "9−−5", a minus and a negative sign.
        InkPiece[] broken = [Piece(0, 20, 35, 60, blob: 1), Piece(45, 48, 12, 5, blob: 2), Piece(61, 49, 18, 5, blob: 3), Piece(90, 20, 35, 60, blob: 4)];
        // "9−−5" written with room between the signs.
        InkPiece[] twoSigns = [Piece(0, 20, 35, 60, blob: 1), Piece(45, 48, 15, 5, blob: 2), Piece(75, 49, 15, 5, blob: 3), Piece(100, 20, 35, 60, blob: 4)];

        Assert.Equal([0, 0, 6, 0, 0], LineRecognizer.StackedPenalties(broken, digitHeight: 60));
        Assert.All(LineRecognizer.StackedPenalties(twoSigns, digitHeight: 60), penalty => Assert.Equal(0, penalty));
    }

    [Fact]
    public void The_dots_of_a_divide_sign_are_stacked_with_its_bar_but_a_dot_beside_a_digit_is_not()
    {
        InkPiece Piece(int left, int top, int width, int height, int blob) => new([0], new PixelBox(left, top, width, height), blob);
        // "÷": a bar, then a dot above and a dot below its middle; pieces are ordered by their left edge.
        InkPiece[] divide = [Piece(0, 30, 30, 4, blob: 1), Piece(12, 18, 6, 6, blob: 2), Piece(13, 40, 6, 6, blob: 3)];
        // "2·3": a multiplication dot between two digits, beside them rather than above or below.
        InkPiece[] times = [Piece(0, 10, 25, 40, blob: 4), Piece(32, 28, 6, 6, blob: 5), Piece(45, 10, 25, 40, blob: 6)];

        Assert.Equal([0, 6, 6, 0], LineRecognizer.StackedPenalties(divide, digitHeight: 40));
        Assert.All(LineRecognizer.StackedPenalties(times, digitHeight: 40), penalty => Assert.Equal(0, penalty));
    }

    [Fact]
    public void Dots_whose_blur_reaches_a_row_into_the_bar_are_still_its_dots()
    {
        InkPiece Piece(int left, int top, int width, int height, int blob) => new([0], new PixelBox(left, top, width, height), blob);
        // A ÷ from a photographed sum (2−2÷60 read 2−2÷−60): each dot's soft edge overlaps the bar's rows by one, and
        // the pieces come dot, dot, bar. Left apart, the dots read as a colon ÷ and the bar as a minus.
        InkPiece[] divide = [Piece(246, 98, 9, 7, blob: 6), Piece(249, 113, 9, 8, blob: 8), Piece(240, 104, 28, 10, blob: 7)];

        Assert.Equal([0, 6, 6, 0], LineRecognizer.StackedPenalties(divide, digitHeight: 53));
    }

    [Fact]
    public void Two_character_tall_marks_overlapping_across_are_neighbours_leaning_into_each_other_not_one_stacked_character()
    {
        InkPiece Piece(int left, int top, int width, int height, int blob) => new([0], new PixelBox(left, top, width, height), blob);
        // "78" in a fast hand: the 7's stem leans far over the 8 beside it, so their boxes overlap by most of their width.
        // Stacked, they could only be read as one character (the line "259789" was read "25909").
        InkPiece[] sevenOverEight = [Piece(0, 0, 40, 49, blob: 1), Piece(11, 20, 45, 75, blob: 2)];
        // "=" written tall and narrow is still stacked: each bar is short.
        InkPiece[] equals = [Piece(0, 30, 30, 6, blob: 3), Piece(1, 50, 28, 6, blob: 4)];

        Assert.All(LineRecognizer.StackedPenalties(sevenOverEight, digitHeight: 69), penalty => Assert.Equal(0, penalty));
        Assert.Equal(6, LineRecognizer.StackedPenalties(equals, digitHeight: 69)[1]);
    }

    /// <summary>A line of ink filling <paramref name="strokes"/> on a blank image, segmented as the line reader does.</summary>
    private static LineSegmentation Segmented(int width, int height, params PixelBox[] strokes)
    {
        var image = GrayImage.Blank(width, height);
        foreach (var stroke in strokes)
            image.Fill(stroke, 1);
        return LineSegmentation.Of(image, LineOptions.Default);
    }

    /// <summary>Rings of radius 14 and stroke 3 centred at each of <paramref name="centres"/> on a 32 px tall image.</summary>
    private static GrayImage Rings(params int[] centres)
    {
        var image = GrayImage.Blank(centres.Max() + 17, 32);
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
                if (centres.Any(c => Math.Abs(Math.Sqrt((x - c) * (x - c) + (y - 16) * (y - 16)) - 13) <= 1.5))
                    image[x, y] = 1;
        return image;
    }

    private static PixelBox Box(GrayImage image)
    {
        var ink = Ink(image);
        var (xs, ys) = (ink.Select(i => i % image.Width).ToList(), ink.Select(i => i / image.Width).ToList());
        return new PixelBox(xs.Min(), ys.Min(), xs.Max() - xs.Min() + 1, ys.Max() - ys.Min() + 1);
    }

    private static int[] Ink(GrayImage image) => [.. Enumerable.Range(0, image.Pixels.Length).Where(i => image.Pixels[i] > 0)];
}
