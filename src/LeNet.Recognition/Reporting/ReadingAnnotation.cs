using LeNet.Inference;
using SkiaSharp;

namespace LeNet.Reporting;

/// <summary>The image with a box and a label over every digit read, and the 28 × 28 inputs the network saw below it.</summary>
public static class ReadingAnnotation
{
    private const int InputTile = 56;

    /// <summary>PNG bytes of the annotated reading; <paramref name="outcome"/> (a computed value, say) is shown after the text.</summary>
    public static byte[] Render(GrayImage image, LineReading reading, string? outcome = null) => Render(image, [(reading, outcome)]);

    /// <summary>
    /// PNG bytes of a page's lines read (<see cref="DigitRecognizer.AnalysePage"/>): every symbol boxed, and a row of
    /// text per line under the image; for one line, the 28 × 28 inputs the network saw below that.
    /// </summary>
    public static byte[] Render(GrayImage image, IReadOnlyList<(LineReading Reading, string? Outcome)> lines)
    {
        const int TextRow = 26;
        var scale = Math.Min(1f, 1200f / image.Width);
        var (width, height) = ((int)(image.Width * scale), (int)(image.Height * scale));
        var inputs = lines.Count == 1 ? lines[0].Reading.Digits : [];
        var stripHeight = inputs.Count > 0 ? InputTile + 28 : 0;
        using var surface = SKSurface.Create(new SKImageInfo(Math.Max(width, inputs.Count * (InputTile + 8) + 8), height + stripHeight + 14 + TextRow * lines.Count));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        Png.Draw(canvas, image, SKRect.Create(0, 0, width, height));
        using var font = new SKFont(SKTypeface.FromFamilyName(null, SKFontStyle.Bold), 18);
        using var small = new SKFont(SKTypeface.Default, 12);
        foreach (var digit in lines.SelectMany(l => l.Reading.Digits))
        {
            var colour = digit.Prediction.Unsure ? new SKColor(0xE6, 0x51, 0x00) : new SKColor(0x1E, 0x88, 0xE5);
            using var stroke = new SKPaint { Color = colour, Style = SKPaintStyle.Stroke, StrokeWidth = 3, IsAntialias = true };
            using var fill = new SKPaint { Color = colour, IsAntialias = true };
            var box = SKRect.Create(digit.Box.Left * scale, digit.Box.Top * scale, digit.Box.Width * scale, digit.Box.Height * scale);
            canvas.DrawRect(box, stroke);
            canvas.DrawText($"{digit.Prediction.Display} {digit.Prediction.Probability:P0}", box.Left, Math.Max(16, box.Top - 4), font, fill);
        }
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        for (var k = 0; k < lines.Count; k++)
        {
            var (reading, outcome) = lines[k];
            var label = lines.Count == 1 ? "read" : $"line {k + 1}";
            canvas.DrawText($"{label}: {outcome ?? reading.Text}", 8, height + TextRow * (k + 1), font, ink);
        }
        var stripTop = height + 10 + TextRow * lines.Count;
        for (var i = 0; i < inputs.Count; i++)
        {
            var x = 8 + i * (InputTile + 8);
            Png.Draw(canvas, GrayImage.FromBytes(28, 28, inputs[i].Prediction.NetworkInput), SKRect.Create(x, stripTop, InputTile, InputTile));
            canvas.DrawText(inputs[i].Prediction.Display, x + InputTile / 2 - 4, stripTop + InputTile + 14, small, ink);
        }
        return Png.Encode(surface);
    }
}
