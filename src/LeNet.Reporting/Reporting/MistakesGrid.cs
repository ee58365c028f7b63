using LeNet.IO;
using LeNet.Training;
using SkiaSharp;

namespace LeNet.Reporting;

/// <summary>
/// A grid of the most confident mistakes: each tile shows the test image (as the network saw it, before
/// normalisation) with its true label and the prediction with its probability.
/// </summary>
public static class MistakesGrid
{
    private const int Scale = 4;          // 28 px digits drawn at 112 px
    private const int CaptionHeight = 34; // two lines of caption under each tile

    /// <summary>Writes a PNG grid of up to <paramref name="count"/> mistakes, worst (most confident) first.</summary>
    /// <param name="pixels">Byte images <c>[N, H, W]</c> flattened, in the order of <paramref name="result"/>.</param>
    public static int Save(string path, EvaluationResult result, byte[] pixels, int height, int width,
        IReadOnlyList<string> classNames, int count = 36, int columns = 6)
    {
        var mistakes = Enumerable.Range(0, result.Count)
            .Where(i => result.Predictions[i] != result.Labels[i])
            .OrderByDescending(i => result.Confidences[i])
            .Take(count)
            .ToList();
        var rows = Math.Max(1, (mistakes.Count + columns - 1) / columns);
        var tileWidth = width * Scale;
        var tileHeight = height * Scale + CaptionHeight;
        using var surface = SKSurface.Create(new SKImageInfo(columns * tileWidth, rows * tileHeight));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.Default, 13);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var wrong = new SKPaint { Color = new SKColor(0xC6, 0x28, 0x28), IsAntialias = true };

        for (var k = 0; k < mistakes.Count; k++)
        {
            var index = mistakes[k];
            var (x, y) = (k % columns * tileWidth, k / columns * tileHeight);
            using var digit = ToBitmap(pixels.AsSpan(index * height * width, height * width), width, height);
            canvas.DrawBitmap(digit, new SKRect(x, y, x + tileWidth, y + height * Scale), new SKPaint());
            canvas.DrawText($"true {classNames[result.Labels[index]]}", x + 4, y + height * Scale + 14, font, ink);
            canvas.DrawText($"pred {classNames[result.Predictions[index]]} {result.Confidences[index]:P0}", x + 4, y + height * Scale + 29, font, wrong);
        }
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.WriteBytes(path, png.AsSpan());
        return mistakes.Count;
    }

    private static SKBitmap ToBitmap(ReadOnlySpan<byte> grey, int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        grey.CopyTo(bitmap.GetPixelSpan());
        return bitmap;
    }
}
