using LeNet.Inference;
using SkiaSharp;

namespace LeNet.Tests.Support;

/// <summary>Images that are not digits: a blank page, letters written with a pen-like font, a textured photo.</summary>
internal static class NonDigits
{
    /// <summary>A letter drawn dark on light paper, as PNG.</summary>
    public static byte[] Letter(string letter, string family = "DejaVu Sans", int size = 240)
    {
        using var surface = SKSurface.Create(new SKImageInfo(size, size));
        surface.Canvas.Clear(new SKColor(235, 232, 225));
        using var font = new SKFont(SKTypeface.FromFamilyName(family), size * 0.7f);
        using var ink = new SKPaint { Color = new SKColor(30, 30, 40), IsAntialias = true };
        surface.Canvas.DrawText(letter, size * 0.22f, size * 0.75f, font, ink);
        return LeNet.Reporting.Png.Encode(surface);
    }

    /// <summary>A blank sheet photographed under uneven light, with sensor noise, as JPEG.</summary>
    public static byte[] BlankPage(int seed)
    {
        var random = new Random(seed);
        var image = GrayImage.Blank(400, 300);
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
                image[x, y] = (float)Math.Clamp(0.85 - 0.2 * x / image.Width + (random.NextDouble() - 0.5) * 0.06, 0, 1);
        return LeNet.Synthesis.PaperPhoto.Jpeg(image, 80);
    }

    /// <summary>A natural-looking scene: overlapping soft blobs and textures of many sizes, as JPEG.</summary>
    public static byte[] Scene(int seed)
    {
        var random = new Random(seed);
        using var surface = SKSurface.Create(new SKImageInfo(480, 360));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor((byte)random.Next(80, 200), (byte)random.Next(80, 200), (byte)random.Next(80, 200)));
        for (var i = 0; i < 60; i++)
        {
            using var paint = new SKPaint
            {
                Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(60, 200)),
                IsAntialias = true,
                MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, random.Next(1, 12)),
            };
            canvas.DrawOval(random.Next(480), random.Next(360), random.Next(10, 120), random.Next(10, 90), paint);
        }
        for (var i = 0; i < 400; i++)
        {
            using var fur = new SKPaint { Color = new SKColor(40, 30, 20, 90), StrokeWidth = random.Next(1, 3), IsAntialias = true };
            float x = random.Next(480), y = random.Next(360);
            canvas.DrawLine(x, y, x + random.Next(-12, 12), y + random.Next(-12, 12), fur);
        }
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }
}
