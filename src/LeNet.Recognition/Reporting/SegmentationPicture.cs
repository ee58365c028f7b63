using LeNet.Inference;
using SkiaSharp;

namespace LeNet.Reporting;

/// <summary>
/// A picture of recognition-driven segmentation: the upright ink cut into pieces, every candidate character the
/// network read (a bar under the pieces it spans, with its reading), and the path chosen through them.
/// </summary>
public static class SegmentationPicture
{
    private const int Margin = 12, TitleHeight = 22, BarHeight = 18, BarGap = 4;
    /// <summary>Candidates scoring below this (log units) are left out: they would bury the plausible ones.</summary>
    private const double ShownScore = -6;

    private static readonly SKColor[] PieceColours = [new(0x1E, 0x88, 0xE5), new(0xE5, 0x39, 0x35), new(0x43, 0xA0, 0x47), new(0x8E, 0x24, 0xAA), new(0xFB, 0x8C, 0x00)];

    /// <summary>PNG bytes of the picture (of the written part of the line only).</summary>
    public static byte[] Render(LineAnalysis analysis)
    {
        var ink = analysis.UprightInk;
        var area = WrittenArea(analysis);
        var scale = Math.Min(2f, 1000f / area.Width);
        var (inkWidth, inkHeight) = ((int)(area.Width * scale), (int)(area.Height * scale));
        var shown = analysis.Candidates.Where(c => c.Prediction is not null && c.Score >= ShownScore).ToList();
        var rows = Rows(shown);
        var rowCount = rows.Count == 0 ? 0 : rows.Values.Max() + 1;
        var height = 3 * Margin + 2 * (TitleHeight + inkHeight) + TitleHeight + rowCount * (BarHeight + BarGap) + Margin;
        using var surface = SKSurface.Create(new SKImageInfo(inkWidth + 2 * Margin, height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var title = new SKFont(SKTypeface.FromFamilyName(null, SKFontStyle.Bold), 14);
        using var small = new SKFont(SKTypeface.Default, 11);
        using var black = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var y = Margin;

        canvas.DrawText($"1. Pieces: blobs, and wide blobs cut where the ink is thinnest (slant {analysis.Shear:+0.00;-0.00;0} removed)", Margin, y + 15, title, black);
        y += TitleHeight;
        DrawPieces(canvas, analysis, area, scale, Margin, y);
        y += inkHeight + Margin;

        canvas.DrawText("2. Candidates the network read (blue: the best path; grey: the others)", Margin, y + 15, title, black);
        y += TitleHeight;
        var path = analysis.Path.Where(c => c.Prediction is not null).ToHashSet();
        foreach (var candidate in shown)
        {
            var onPath = path.Contains(candidate);
            var top = y + rows[candidate] * (BarHeight + BarGap);
            var left = Margin + (candidate.Box.Left - area.Left) * scale;
            var width = Math.Max(16, candidate.Box.Width * scale);
            using var fill = new SKPaint { Color = onPath ? new SKColor(0x1E, 0x88, 0xE5) : new SKColor(0xCF, 0xD6, 0xE4), IsAntialias = true };
            canvas.DrawRoundRect(SKRect.Create(left, top, width, BarHeight), 4, 4, fill);
            using var text = new SKPaint { Color = onPath ? SKColors.White : SKColors.Black, IsAntialias = true };
            canvas.DrawText($"{candidate.Prediction!.Label} {candidate.Prediction.Probability:P0}", left + 3, top + 13, small, text);
        }
        y += rowCount * (BarHeight + BarGap) + Margin;

        canvas.DrawText($"3. Read: {analysis.Reading.Text}", Margin, y + 15, title, black);
        y += TitleHeight;
        Png.Draw(canvas, Inverted(ink.Crop(area)), SKRect.Create(Margin, y, inkWidth, inkHeight));
        foreach (var candidate in path)
        {
            using var stroke = new SKPaint { Color = candidate.Prediction!.Unsure ? new SKColor(0xE6, 0x51, 0x00) : new SKColor(0x1E, 0x88, 0xE5), Style = SKPaintStyle.Stroke, StrokeWidth = 2, IsAntialias = true };
            var box = SKRect.Create(Margin + (candidate.Box.Left - area.Left) * scale, y + (candidate.Box.Top - area.Top) * scale, candidate.Box.Width * scale, candidate.Box.Height * scale);
            canvas.DrawRect(box, stroke);
            canvas.DrawText(candidate.Prediction.Label, box.Left + 2, box.Top - 3 < y ? box.Bottom + 12 : box.Top - 3, small, black);
        }
        return Png.Encode(surface);
    }

    /// <summary>Each piece's ink in its own colour, and a red line at every cut through a blob.</summary>
    private static void DrawPieces(SKCanvas canvas, LineAnalysis analysis, PixelBox area, float scale, int left, int top)
    {
        var ink = analysis.UprightInk;
        using var bitmap = new SKBitmap(area.Width, area.Height);
        bitmap.Erase(SKColors.White);
        for (var p = 0; p < analysis.Pieces.Count; p++)
        {
            var colour = PieceColours[p % PieceColours.Length];
            foreach (var index in analysis.Pieces[p].Pixels)
            {
                var v = ink.Pixels[index];
                bitmap.SetPixel(index % ink.Width - area.Left, index / ink.Width - area.Top, new SKColor(
                    (byte)(255 - v * (255 - colour.Red)), (byte)(255 - v * (255 - colour.Green)), (byte)(255 - v * (255 - colour.Blue))));
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, SKRect.Create(left, top, area.Width * scale, area.Height * scale), new SKSamplingOptions(SKFilterMode.Linear));
        using var cut = new SKPaint { Color = new SKColor(0xC6, 0x28, 0x28), StrokeWidth = 1.5f, IsAntialias = true };
        for (var p = 1; p < analysis.Pieces.Count; p++)
        {
            if (analysis.Pieces[p].Blob != analysis.Pieces[p - 1].Blob)
                continue;
            var piece = analysis.Pieces[p].Box;
            var x = left + (piece.Left - area.Left) * scale;
            canvas.DrawLine(x, top + (piece.Top - area.Top) * scale, x, top + (piece.Bottom - area.Top) * scale, cut);
        }
    }

    /// <summary>The pieces' box with a margin, within the image (the whole image when there is no ink).</summary>
    private static PixelBox WrittenArea(LineAnalysis analysis)
    {
        var ink = analysis.UprightInk;
        if (analysis.Pieces.Count == 0)
            return new PixelBox(0, 0, ink.Width, ink.Height);
        var box = analysis.Pieces.Select(p => p.Box).Aggregate((a, b) => a.Union(b));
        return box.Inflate(10, ink.Width, ink.Height);
    }

    /// <summary>A row for each candidate so that bars in one row never overlap, shorter runs higher up.</summary>
    private static Dictionary<LineCandidate, int> Rows(List<LineCandidate> candidates)
    {
        var rows = new Dictionary<LineCandidate, int>();
        var ends = new List<int>();
        foreach (var candidate in candidates.OrderBy(c => c.To - c.From).ThenBy(c => c.Box.Left))
        {
            var row = ends.FindIndex(end => end <= candidate.Box.Left);
            if (row < 0)
            {
                ends.Add(0);
                row = ends.Count - 1;
            }
            ends[row] = Math.Max(candidate.Box.Right, candidate.Box.Left + 20);
            rows[candidate] = row;
        }
        return rows;
    }

    private static GrayImage Inverted(GrayImage ink)
    {
        var result = GrayImage.Blank(ink.Width, ink.Height);
        for (var i = 0; i < result.Pixels.Length; i++)
            result.Pixels[i] = 1 - ink.Pixels[i];
        return result;
    }
}
