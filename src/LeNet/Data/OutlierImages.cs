using LeNet.Inference;
using SkiaSharp;

namespace LeNet.Data;

/// <summary>
/// Non-digits in MNIST form for Outlier Exposure (Hendrycks, Mazeika and Dietterich, 2019): letters and symbols
/// that no digit resembles, rendered in the DejaVu Sans and Serif families with random pen width, slant, rotation
/// and scale, then put through the same 20 × 20 / centre-of-mass formatting as real input. Training the network to
/// be uncertain on them is what lets it answer "unsure" for a letter instead of a confident digit.
/// </summary>
public static class OutlierImages
{
    /// <summary>Glyphs far from every digit. Look-alikes (O, I, l, S, Z, B, g, q, …) are left out on purpose.</summary>
    public const string Glyphs = "AEFHKMNRVWXYkmvwxf#&%@*$";

    /// <summary>Families used for training; DejaVu Sans Mono stays unseen so tests can use it.</summary>
    private static readonly string[] Families = ["DejaVu Sans", "DejaVu Serif"];

    private const int Canvas = 96;

    /// <summary>
    /// Renders <paramref name="count"/> outliers as bytes <c>[count × 28 × 28]</c>, reproducibly from
    /// <paramref name="seed"/>, leaving out glyphs that are written forms of <paramref name="classes"/> (x and * are
    /// "times" for a model that reads arithmetic).
    /// </summary>
    public static byte[] Render(int count, int seed, IReadOnlyList<string>? classes = null)
    {
        var glyphs = classes is null ? Glyphs : string.Concat(Glyphs.Where(g => Symbols.ClassOf(g) is not { } label || !classes.Contains(label)));
        var random = new Random(seed);
        var size = MnistFormatter.FieldSize;
        var result = new byte[count * size * size];
        var typefaces = Families.SelectMany(f => new[] { SKFontStyle.Normal, SKFontStyle.Bold, SKFontStyle.Italic }.Select(s => SKTypeface.FromFamilyName(f, s))).ToArray();
        try
        {
            using var bitmap = new SKBitmap(new SKImageInfo(Canvas, Canvas, SKColorType.Gray8, SKAlphaType.Opaque));
            using var canvas = new SKCanvas(bitmap);
            for (var i = 0; i < count; i++)
            {
                if (random.Next(4) == 0)
                    DrawTexture(canvas, random);
                else
                    Draw(canvas, glyphs[random.Next(glyphs.Length)].ToString(), typefaces[random.Next(typefaces.Length)], random);
                canvas.Flush();
                var image = GrayImage.FromBytes(Canvas, Canvas, bitmap.GetPixelSpan());
                var bounds = InkBounds(image);
                if (bounds is null)
                    continue;
                MnistFormatter.Format(image, bounds.Value).ToBytes().CopyTo(result, i * size * size);
            }
        }
        finally
        {
            foreach (var typeface in typefaces)
                typeface.Dispose();
        }
        return result;
    }

    private static void Draw(SKCanvas canvas, string glyph, SKTypeface typeface, Random random)
    {
        canvas.Clear(SKColors.Black);
        using var font = new SKFont(typeface, (float)(48 + random.NextDouble() * 24)) { SkewX = (float)(random.NextDouble() - 0.5) * 0.5f };
        using var pen = new SKPaint
        {
            Color = SKColors.White,
            IsAntialias = true,
            Style = SKPaintStyle.StrokeAndFill,
            StrokeWidth = (float)(random.NextDouble() * 5),
        };
        canvas.Save();
        canvas.RotateDegrees((float)(random.NextDouble() - 0.5) * 30, Canvas / 2f, Canvas / 2f);
        canvas.DrawText(glyph, Canvas / 2f, Canvas * 0.7f, SKTextAlign.Center, font, pen);
        canvas.Restore();
    }

    private static void DrawTexture(SKCanvas canvas, Random random)
    {
        canvas.Clear(SKColors.Black);
        using var paint = new SKPaint { IsAntialias = true };
        for (var blob = random.Next(3, 9); blob > 0; blob--)
        {
            paint.Color = new SKColor(255, 255, 255, (byte)random.Next(90, 256));
            paint.Style = SKPaintStyle.Fill;
            var (rx, ry) = (random.Next(8, 30), random.Next(8, 30));
            canvas.DrawOval(random.Next(16, Canvas - 16), random.Next(16, Canvas - 16), rx, Math.Clamp(ry, rx / 2, rx * 2), paint);
        }
        paint.Color = SKColors.White;
        for (var stroke = random.Next(10, 31); stroke > 0; stroke--)
        {
            paint.StrokeWidth = random.Next(1, 4);
            float x = random.Next(Canvas), y = random.Next(Canvas);
            canvas.DrawLine(x, y, x + random.Next(-10, 11), y + random.Next(-10, 11), paint);
        }
    }

    private static PixelBox? InkBounds(GrayImage image)
    {
        int left = image.Width, top = image.Height, right = -1, bottom = -1;
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
                if (image[x, y] > 0.1f)
                    (left, right, top, bottom) = (Math.Min(left, x), Math.Max(right, x), Math.Min(top, y), Math.Max(bottom, y));
        return right < 0 ? null : new PixelBox(left, top, right - left + 1, bottom - top + 1);
    }
}
