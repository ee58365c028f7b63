using LeNet.Inference;
using LeNet.Synthesis;

namespace LeNet.Tests.Support;

/// <summary>
/// Turns MNIST digits (ink bright on black, 28 × 28) into something like a phone photo of handwriting: scaled up,
/// dark ink on light paper, off-centre, slightly rotated, under a lighting gradient, with sensor noise, saved as
/// JPEG. Seeded, so every run sees the same set.
/// </summary>
internal sealed class PaperPhotos(int seed)
{
    private readonly Random _random = new(seed);

    private double Between(double low, double high) => Noise.Between(_random, low, high);

    /// <summary>One digit photographed on paper, as JPEG bytes.</summary>
    public byte[] Digit(GrayImage mnist) => Photograph([mnist], gap: 0);

    /// <summary>Several digits written in a row on paper, as JPEG bytes.</summary>
    public byte[] Line(IReadOnlyList<GrayImage> digits) => Photograph(digits, gap: 0);

    private byte[] Photograph(IReadOnlyList<GrayImage> digits, int gap)
    {
        var scale = Between(3, 7);
        // Lay the 28 × 28 digits side by side, trimming their empty margins and leaving a handwriting-like gap.
        var strip = Compose(digits);
        var ink = ImageOps.Resize(strip, (int)(strip.Width * scale), (int)(strip.Height * scale));
        ink = PaperPhoto.Rotate(PadVertically(ink, (int)(ink.Width * Math.Sin(10 * Math.PI / 180) / 2) + 4), Between(-10, 10));
        var width = (int)(ink.Width * Between(1.3, 1.9)) + 20;
        var height = (int)(ink.Height * Between(1.4, 2.4)) + 20;
        var (left, top) = (_random.Next(0, width - ink.Width), _random.Next(0, height - ink.Height));

        var paper = Between(0.72, 0.95);
        var darkness = Between(0.08, 0.3);
        var (gradientX, gradientY, gradientStrength) = (Between(-1, 1), Between(-1, 1), Between(0.1, 0.35));
        var noise = Between(0.01, 0.05);
        var image = GrayImage.Blank(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var lighting = 1 - gradientStrength * (0.5 + 0.5 * (gradientX * (x / (double)width - 0.5) + gradientY * (y / (double)height - 0.5)));
                var v = (float)(paper * lighting);
                int ix = x - left, iy = y - top;
                if (ix >= 0 && iy >= 0 && ix < ink.Width && iy < ink.Height)
                    v -= (float)((paper * lighting - darkness) * ink[ix, iy]);
                image[x, y] = Math.Clamp(v + (float)(Noise.Gaussian(_random) * noise), 0, 1);
            }
        }
        return PaperPhoto.Jpeg(image, _random.Next(60, 92));
    }

    private GrayImage Compose(IReadOnlyList<GrayImage> digits)
    {
        var columns = new List<float[]>();
        for (var d = 0; d < digits.Count; d++)
        {
            var digit = digits[d];
            var used = Enumerable.Range(0, digit.Width).Where(x => Enumerable.Range(0, digit.Height).Any(y => digit[x, y] > 0.1f)).ToList();
            var (first, last) = used.Count == 0 ? (10, 17) : (used[0], used[^1]);
            if (d > 0)
                for (var g = _random.Next(3, 9); g > 0; g--)
                    columns.Add(new float[digit.Height]);
            for (var x = first; x <= last; x++)
                columns.Add([.. Enumerable.Range(0, digit.Height).Select(y => digit[x, y])]);
        }
        var strip = GrayImage.Blank(columns.Count + 8, 28);
        for (var x = 0; x < columns.Count; x++)
            for (var y = 0; y < 28; y++)
                strip[x + 4, y] = columns[x][y];
        return strip;
    }

    /// <summary>Room above and below so that rotating a long line does not push its ends off the canvas.</summary>
    private static GrayImage PadVertically(GrayImage image, int margin)
    {
        var result = GrayImage.Blank(image.Width, image.Height + 2 * margin);
        Array.Copy(image.Pixels, 0, result.Pixels, margin * image.Width, image.Pixels.Length);
        return result;
    }
}
