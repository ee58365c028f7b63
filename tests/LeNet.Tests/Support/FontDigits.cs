using LeNet.Inference;
using SkiaSharp;

namespace LeNet.Tests.Support;

/// <summary>
/// Digits in printed fonts, rendered ink-bright on black in a 28 × 28 field with a
/// random size, slant and position, ready for <see cref="PaperPhotos"/> to put on paper.
/// </summary>
internal static class FontDigits
{
    /// <summary>Printed-form fonts.</summary>
    public static readonly string[] Printed = ["DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono"];

    /// <summary>Whether the font is installed (Skia falls back to a default family otherwise).</summary>
    public static bool IsInstalled(string family)
    {
        using var typeface = SKTypeface.FromFamilyName(family);
        return typeface is not null && string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase);
    }

    public static GrayImage Render(char digit, string family, Random random)
    {
        const int Canvas = 112;
        using var bitmap = new SKBitmap(new SKImageInfo(Canvas, Canvas, SKColorType.Gray8, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.Black);
        using var typeface = SKTypeface.FromFamilyName(family);
        using var font = new SKFont(typeface, (float)(64 + random.NextDouble() * 24)) { SkewX = (float)((random.NextDouble() - 0.5) * 0.3) };
        using var pen = new SKPaint { Color = SKColors.White, IsAntialias = true, Style = SKPaintStyle.StrokeAndFill, StrokeWidth = (float)(random.NextDouble() * 3) };
        canvas.RotateDegrees((float)((random.NextDouble() - 0.5) * 12), Canvas / 2f, Canvas / 2f);
        canvas.DrawText(digit.ToString(), Canvas / 2f, Canvas * 0.72f, SKTextAlign.Center, font, pen);
        canvas.Flush();
        var image = GrayImage.FromBytes(Canvas, Canvas, bitmap.GetPixelSpan());
        return ImageOps.Resize(image, 28, 28);
    }
}
