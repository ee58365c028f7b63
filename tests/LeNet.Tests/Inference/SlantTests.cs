using LeNet.Inference;

namespace LeNet.Tests.Inference;

/// <summary>
/// The slant's estimate and removal work only where the ink is (the rest of a line's photo is paper), and give what
/// working on every pixel gives, to the last bit.
/// </summary>
public sealed class SlantTests
{
    [Theory]
    [InlineData(1, 0.3)]
    [InlineData(2, -0.45)]
    [InlineData(3, 0.17)]
    public void Removing_the_slant_gives_every_pixel_what_resampling_whole_rows_gives(int seed, double shear)
    {
        var ink = Strokes(seed, 150, 70);

        var upright = Slant.Remove(ink, shear, out var offset);

        var (expected, expectedOffset) = RemoveEverywhere(ink, shear);
        Assert.Equal(expectedOffset, offset);
        Assert.Equal(expected, upright.Pixels);
    }

    [Theory]
    [InlineData(1, 0.3)]
    [InlineData(2, -0.45)]
    public void The_upright_ink_cut_to_where_it_is_holds_all_of_it_and_its_boxes_lead_back_to_the_same_places(int seed, double shear)
    {
        var ink = Strokes(seed, 150, 70);
        var whole = Slant.Remove(ink, shear, out _);

        var cut = Slant.RemoveAroundInk(ink, shear, out var page);

        // The cut is smaller (rows 0–9 and 60–69 hold no ink) and sits inside the whole at (−page.Left, −page.Top).
        Assert.True(cut.Height < whole.Height && cut.Width <= whole.Width);
        Assert.Equal((whole.Width, whole.Height), (page.Width, page.Height));
        var inside = 0.0;
        for (var y = 0; y < cut.Height; y++)
            for (var x = 0; x < cut.Width; x++)
            {
                Assert.Equal(whole[x - page.Left, y - page.Top], cut[x, y]);
                inside += cut[x, y];
            }
        Assert.Equal(whole.Pixels.Sum(v => (double)v), inside, 6);
        var box = new PixelBox(20, 12, 30, 25);
        var wholeBox = box with { Left = box.Left - page.Left, Top = box.Top - page.Top };
        Assert.Equal(Slant.Restore(wholeBox, shear, new PixelBox(0, 0, whole.Width, whole.Height), ink.Height, ink.Width),
            Slant.Restore(box, shear, page, ink.Height, ink.Width));
    }

    [Fact]
    public void A_map_of_the_photo_is_made_upright_and_cut_as_the_ink_is()
    {
        var ink = Strokes(3, 120, 60);
        var owners = ink.Pixels.Select((v, i) => v > 0 ? i % 7 : -1).ToArray();
        var cut = Slant.RemoveAroundInk(ink, 0.3, out var page);
        var whole = Slant.RemoveFromLabels(owners, ink.Width, ink.Height, 0.3, new PixelBox(0, 0, page.Width, page.Height), (page.Width, page.Height));

        var map = Slant.RemoveFromLabels(owners, ink.Width, ink.Height, 0.3, page, (cut.Width, cut.Height));

        for (var y = 0; y < cut.Height; y++)
            for (var x = 0; x < cut.Width; x++)
                Assert.Equal(whole[(y - page.Top) * page.Width + x - page.Left], map[y * cut.Width + x]);
    }

    [Fact]
    public void The_slant_is_the_same_wherever_the_writing_lies_in_the_photo()
    {
        // One leaning stroke, near the left edge, in the middle, and against the right edge (one column of paper).
        double Estimate(int left)
        {
            var image = GrayImage.Blank(200, 60);
            for (var y = 5; y < 55; y++)
                for (var dx = 0; dx < 4; dx++)
                    image[left + dx + (int)Math.Round(0.3 * (55 - y)), y] = 0.8f;
            return Slant.Estimate(image);
        }

        var middle = Estimate(90);

        Assert.Equal(-0.3, middle, 1);
        Assert.Equal(middle, Estimate(1));
        Assert.Equal(middle, Estimate(200 - 1 - 4 - 15));
    }

    /// <summary>Soft random strokes, some touching the image's edges, and blank rows above and below.</summary>
    private static GrayImage Strokes(int seed, int width, int height)
    {
        var random = new Random(seed);
        var image = GrayImage.Blank(width, height);
        for (var stroke = 0; stroke < 12; stroke++)
        {
            var (x, y) = (random.Next(width), random.Next(10, height - 10));
            for (var step = 0; step < 30; step++)
            {
                if (x >= 0 && x < width && y >= 10 && y < height - 10)
                    image[x, y] = (float)random.NextDouble();
                (x, y) = (x + random.Next(-1, 2), y + random.Next(-1, 2));
            }
        }
        return image;
    }

    /// <summary>The shear removed by linear interpolation of every pixel of every row, as <see cref="Slant.Remove"/> promises.</summary>
    private static (float[] Pixels, int Offset) RemoveEverywhere(GrayImage ink, double shear)
    {
        var centre = ink.Height / 2.0;
        var extra = (int)Math.Ceiling(Math.Abs(shear) * centre) + 1;
        var width = ink.Width + 2 * extra;
        var result = new float[width * ink.Height];
        for (var y = 0; y < ink.Height; y++)
        {
            var shift = -shear * (y - centre) + extra;
            for (var x = 0; x < width; x++)
            {
                var source = x - shift;
                var x0 = (int)Math.Floor(source);
                if (x0 < -1 || x0 >= ink.Width)
                    continue;
                var f = (float)(source - x0);
                var left = x0 >= 0 ? ink[x0, y] : 0;
                var right = x0 + 1 < ink.Width ? ink[x0 + 1, y] : 0;
                result[y * width + x] = left * (1 - f) + right * f;
            }
        }
        return (result, extra);
    }
}
