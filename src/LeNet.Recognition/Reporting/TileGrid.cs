using LeNet.Inference;
using SkiaSharp;

namespace LeNet.Reporting;

/// <summary>A titled section of tiles: grey images drawn enlarged (pixelated) in rows, each with an optional caption.</summary>
public sealed record TileSection(string Title, IReadOnlyList<GrayImage> Tiles, IReadOnlyList<string>? Captions = null, int Columns = 8, int TileSize = 64);

/// <summary>Draws sections of tiles into one PNG: kernels, feature maps, saliency.</summary>
public static class TileGrid
{
    private const int Margin = 12;
    private const int TitleHeight = 26;
    private const int CaptionHeight = 16;

    /// <summary>PNG bytes of the sections stacked vertically.</summary>
    public static byte[] Render(IReadOnlyList<TileSection> sections)
    {
        int SectionHeight(TileSection s) => TitleHeight + (s.Tiles.Count + s.Columns - 1) / s.Columns * (s.TileSize + (s.Captions is null ? 4 : CaptionHeight + 4));
        var width = sections.Max(s => Math.Min(s.Columns, Math.Max(1, s.Tiles.Count)) * (s.TileSize + 4)) + 2 * Margin;
        var height = sections.Sum(SectionHeight) + Margin * (sections.Count + 1);
        using var surface = SKSurface.Create(new SKImageInfo(Math.Max(200, width), height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var titleFont = new SKFont(SKTypeface.FromFamilyName(null, SKFontStyle.Bold), 15);
        using var captionFont = new SKFont(SKTypeface.Default, 11);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var y = Margin;
        foreach (var section in sections)
        {
            canvas.DrawText(section.Title, Margin, y + 17, titleFont, ink);
            var rowHeight = section.TileSize + (section.Captions is null ? 4 : CaptionHeight + 4);
            for (var i = 0; i < section.Tiles.Count; i++)
            {
                var (x, top) = (Margin + i % section.Columns * (section.TileSize + 4), y + TitleHeight + i / section.Columns * rowHeight);
                Png.Draw(canvas, section.Tiles[i], SKRect.Create(x, top, section.TileSize, section.TileSize));
                if (section.Captions is { } captions)
                    canvas.DrawText(captions[i], x, top + section.TileSize + 12, captionFont, ink);
            }
            y += SectionHeight(section) + Margin;
        }
        return Png.Encode(surface);
    }

    /// <summary>Maps signed values to grey with 0 at mid-grey, scaled by the largest magnitude (how kernels are shown).</summary>
    public static GrayImage Signed(int width, int height, ReadOnlySpan<float> values)
    {
        var scale = 0f;
        foreach (var v in values)
            scale = Math.Max(scale, Math.Abs(v));
        var pixels = new float[width * height];
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = scale == 0 ? 0.5f : 0.5f + 0.5f * values[i] / scale;
        return new GrayImage(width, height, pixels);
    }
}
