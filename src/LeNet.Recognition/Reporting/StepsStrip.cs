using LeNet.Inference;
using SkiaSharp;

namespace LeNet.Reporting;

/// <summary>Every preprocessing stage side by side with its name: what <c>--show-steps</c> writes.</summary>
public static class StepsStrip
{
    private const int TileHeight = 180;
    private const int CaptionHeight = 40;
    private const int Gap = 12;

    /// <summary>PNG bytes of the strip.</summary>
    public static byte[] Render(PreprocessingSteps steps)
    {
        var widths = steps.Steps.Select(s => Math.Max(TileHeight, (int)(TileHeight * (double)s.Image.Width / s.Image.Height))).ToList();
        var width = widths.Sum() + Gap * (widths.Count + 1);
        using var surface = SKSurface.Create(new SKImageInfo(Math.Max(1, width), TileHeight + CaptionHeight + 2 * Gap));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.Default, 13);
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var x = Gap;
        for (var i = 0; i < steps.Steps.Count; i++)
        {
            var (name, image) = steps.Steps[i];
            var tileWidth = (int)(TileHeight * (double)image.Width / image.Height);
            var target = SKRect.Create(x + (widths[i] - Math.Min(tileWidth, widths[i])) / 2f, Gap, Math.Min(tileWidth, widths[i]), TileHeight * Math.Min(1f, widths[i] / (float)Math.Max(1, tileWidth)));
            Png.Draw(canvas, image, target);
            canvas.DrawText($"{i + 1}. {name}", x, Gap + TileHeight + 18, font, text);
            canvas.DrawText($"{image.Width}×{image.Height}", x, Gap + TileHeight + 34, font, text);
            x += widths[i] + Gap;
        }
        return Png.Encode(surface);
    }
}
