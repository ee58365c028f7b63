using LeNet.Inference;
using LeNet.Synthesis;
using LeNet.Tests.Support;

namespace LeNet.Tests.Inference;

public sealed class InkExtractorTests
{
    [Fact]
    public void A_minus_photographed_alone_comes_out_as_one_bar()
    {
        // Photos of one small character (under 100 px) were not flattened: their grey paper, stretched with the ink,
        // passed the threshold as a web of texture that buried the stroke. 71 of these 100 came out as one bar.
        var photos = HandwritingPhotos.Create(Writers.Hands(StyleSplit.Validation, 100), [], [Symbols.Minus], perFont: 0, seed: 11);

        var bars = photos.Count(p => InkExtractor.Extract(ImageDecoder.Decode(p.Photo, "minus.jpg")) is { Blobs.Count: 1, Bounds: { } box }
                                     && box.Width >= 1.5 * box.Height);

        Assert.True(bars >= 93, $"{bars} of 100 minus signs came out as one bar");
    }

    [Fact]
    public void A_thumbnail_on_grey_paper_loses_its_paper()
    {
        // Too small to flatten (under 40 px), but its paper is not black: the median is taken off before stretching.
        var pixels = new float[36 * 36];
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = 0.7f + 0.08f * MathF.Sin(i * 12.9898f);
        for (var x = 13; x < 23; x++)
            pixels[17 * 36 + x] = pixels[18 * 36 + x] = 0.2f;

        var ink = InkExtractor.Extract(new GrayImage(36, 36, pixels));

        // The stroke (13–22 × 17–18) and its blurred edge, nothing of the paper.
        var box = Assert.NotNull(ink.Bounds);
        Assert.True(box is { Left: >= 12, Top: >= 16, Right: <= 24, Bottom: <= 20 }, $"the ink spans {box}");
    }

    [Fact]
    public void A_dot_dabbed_smaller_than_the_pen_is_wide_is_kept_beside_large_writing()
    {
        // A marker 8 px wide (a 64-pixel dot) wrote a long stroke, and the lower dot of a colon ÷ only 5 × 5: it was
        // dropped as a speck, under half the pen's dot, and the ÷ read as a multiplication dot.
        var ink = GrayImage.Blank(400, 100);
        ink.Fill(new PixelBox(20, 46, 300, 8), 1);
        ink.Fill(new PixelBox(350, 60, 5, 5), 1);

        var blobs = InkExtractor.Relabel(ink, inverted: false).Blobs;

        Assert.Equal(2, blobs.Count);
        Assert.Contains(blobs, b => b.Box == new PixelBox(350, 60, 5, 5));
    }

    [Fact]
    public void Ink_cut_out_of_a_photo_is_judged_a_page_border_by_the_photos_edges()
    {
        // A stroke 60 px tall, cut out with a pixel around it (the upright ink of a line is cut so): a page border only
        // where it touches an edge of the photo it came from and spans most of it.
        var ink = GrayImage.Blank(40, 62);
        ink.Fill(new PixelBox(15, 1, 6, 60), 1);
        var photo = new PixelBox(-100, -50, 300, 200);
        var tallPhotoItTouches = new PixelBox(-100, 1, 300, 200);
        var photoItSpans = new PixelBox(-100, 1, 300, 62);

        Assert.Single(InkExtractor.Relabel(ink, inverted: false, photo).Blobs);
        Assert.Single(InkExtractor.Relabel(ink, inverted: false, tallPhotoItTouches).Blobs);
        Assert.Empty(InkExtractor.Relabel(ink, inverted: false, photoItSpans).Blobs);
    }
}
