using LeNet.Inference;
using SkiaSharp;

namespace LeNet.Synthesis;

/// <summary>
/// Turns ink (bright on black) into something like a phone photo or scan of handwriting on paper: dark ink on light
/// paper with a margin, slightly rotated, under a lighting gradient, a little out of focus, with sensor noise, saved
/// as JPEG. What comes out goes through exactly the decoding and preprocessing that real photos do.
/// </summary>
public static class PaperPhoto
{
    /// <summary>
    /// The photo as JPEG bytes; <paramref name="maxRotation"/> in degrees; <paramref name="ruling"/>: the rules of the
    /// paper, printed under the ink and turned with it.
    /// </summary>
    public static byte[] Take(GrayImage ink, Random random, double maxRotation = 6, Ruling? ruling = null) =>
        Jpeg(Expose(ink, random, maxRotation, ruling), random.Next(60, 93));

    /// <summary>The photo before JPEG compression: ink on paper, values in [0, 1] (paper bright).</summary>
    public static GrayImage Expose(GrayImage ink, Random random, double maxRotation = 6, Ruling? ruling = null)
    {
        var margin = (int)(Math.Max(ink.Width, ink.Height) * Math.Sin(maxRotation * Math.PI / 180) / 2) + 4;
        var angle = Noise.Between(random, -maxRotation, maxRotation);
        var turned = Rotate(Pad(ink, margin), angle);
        if (random.NextDouble() < 0.3)
            turned = ImageOps.BoxBlur(turned, 1);
        var width = (int)(turned.Width * Noise.Between(random, 1.15, 1.7)) + 16;
        var height = (int)(turned.Height * Noise.Between(random, 1.3, 2.2)) + 16;
        var (left, top) = (random.Next(0, width - turned.Width + 1), random.Next(0, height - turned.Height + 1));
        var paper = Noise.Between(random, 0.7, 0.96);
        var darkness = Noise.Between(random, 0.04, 0.32);
        var (gradientX, gradientY, strength) = (Noise.Between(random, -1, 1), Noise.Between(random, -1, 1), Noise.Between(random, 0.05, 0.35));
        var noise = Noise.Between(random, 0.005, 0.045);
        var (cos, sin) = (Math.Cos(angle * Math.PI / 180), Math.Sin(angle * Math.PI / 180));
        var photo = GrayImage.Blank(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var lighting = 1 - strength * (0.5 + 0.5 * (gradientX * (x / (double)width - 0.5) + gradientY * (y / (double)height - 0.5)));
                var light = paper * lighting;
                int ix = x - left, iy = y - top;
                // The rules lie in the ink's coordinates and run across the whole photo: this pixel's height there, turned
                // back as Rotate turns the ink.
                if (ruling is not null)
                {
                    var (dx, dy) = (ix - turned.Width / 2.0, iy - turned.Height / 2.0);
                    light -= (light - darkness) * ruling.Darkness * ruling.Cover(cos * dx + sin * dy + turned.Width / 2.0 - margin, -sin * dx + cos * dy + turned.Height / 2.0 - margin);
                }
                var v = ix >= 0 && iy >= 0 && ix < turned.Width && iy < turned.Height ? light - (light - darkness) * turned[ix, iy] : light;
                photo[x, y] = Math.Clamp((float)(v + Noise.Gaussian(random) * noise), 0, 1);
            }
        }
        return photo;
    }

    /// <summary>JPEG bytes of a grey image.</summary>
    public static byte[] Jpeg(GrayImage image, int quality)
    {
        using var bitmap = Reporting.Png.ToBitmap(image);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    private static GrayImage Pad(GrayImage image, int margin)
    {
        var result = GrayImage.Blank(image.Width + 2 * margin, image.Height + 2 * margin);
        for (var y = 0; y < image.Height; y++)
            Array.Copy(image.Pixels, y * image.Width, result.Pixels, (y + margin) * result.Width + margin, image.Width);
        return result;
    }

    /// <summary>Rotation about the centre with bilinear sampling; what falls outside stays black (no ink).</summary>
    internal static GrayImage Rotate(GrayImage image, double degrees)
    {
        var (cos, sin) = (Math.Cos(degrees * Math.PI / 180), Math.Sin(degrees * Math.PI / 180));
        var result = GrayImage.Blank(image.Width, image.Height);
        var (cx, cy) = (image.Width / 2.0, image.Height / 2.0);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var sx = cos * (x - cx) + sin * (y - cy) + cx;
                var sy = -sin * (x - cx) + cos * (y - cy) + cy;
                int x0 = (int)Math.Floor(sx), y0 = (int)Math.Floor(sy);
                if (x0 < 0 || y0 < 0 || x0 + 1 >= image.Width || y0 + 1 >= image.Height)
                    continue;
                var (fx, fy) = ((float)(sx - x0), (float)(sy - y0));
                result[x, y] = (image[x0, y0] * (1 - fx) + image[x0 + 1, y0] * fx) * (1 - fy) + (image[x0, y0 + 1] * (1 - fx) + image[x0 + 1, y0 + 1] * fx) * fy;
            }
        }
        return result;
    }
}
