using LeNet.Inference;
using SkiaSharp;

namespace LeNet.Synthesis;

/// <summary>
/// An imagined writer (<see cref="WriterStyle"/>) writing with a pen: each character's skeleton is deformed by the
/// writer's own field and by this instance's wobble, shaken by tremor, slanted, stretched, sometimes broken by a
/// skipping pen, and drawn with a round pen whose width tapers where strokes start and end.
/// </summary>
public sealed class PenHand(WriterStyle style, string? name = null) : IHand
{
    /// <summary>Chance that a stroke's end stops a little short (an open loop, a short tail).</summary>
    private const double TrimChance = 0.3;

    /// <summary>The thinnest stroke drawn, in pixels.</summary>
    private const double MinPenPixels = 1.3;

    /// <summary>The writer.</summary>
    public WriterStyle Style => style;

    /// <inheritdoc />
    public string Name => name ?? $"pen writer {style.Seed}";

    /// <inheritdoc />
    public bool CanWrite(string label) => GlyphSkeletons.All.Any(g => g.Label == label);

    /// <inheritdoc />
    public InkGlyph Write(string label, double height, Random random)
    {
        var variants = GlyphSkeletons.Of(label);
        var index = random.NextDouble() < style.Loyalty ? style.PreferredVariant(label, variants.Count) : random.Next(variants.Count);
        return Write(variants[index], height, random);
    }

    /// <summary>Writes one particular variant.</summary>
    public InkGlyph Write(GlyphSkeleton skeleton, double height, Random random)
    {
        var scale = height / 100 * (1 + style.SizeJitter * Noise.Gaussian(random));
        var map = new PenMap(skeleton, style, scale, random);
        var strokes = new List<(double X, double Y)[]>();
        foreach (var stroke in SkeletonGeometry.Strokes(skeleton))
        {
            var points = Trim(Shake(stroke, random), random).Select(p => map.Apply(p.X, p.Y)).ToArray();
            strokes.AddRange(MaybeBreak(points, random));
        }
        // Thinner than 1.3 px a stroke is a faint dotted trace after photographing: not writing anyone expects to be read.
        var penWidth = Math.Max(MinPenPixels, style.PenWidth * height * (1 + 0.12 * Noise.Gaussian(random)));
        var dots = skeleton.Dots.Select(d => (Centre: map.Apply(d.X, d.Y), Radius: Math.Max(1.6, Math.Max(0.6 * penWidth, 0.035 * height)) * (0.8 + 0.6 * random.NextDouble()))).ToList();
        return Draw(strokes, dots, penWidth, map.CellTop, 100 * scale, skeleton.Name, random);
    }

    /// <summary>Tremor: the points moved along the stroke's normal by a slow sum of two sines.</summary>
    private (double X, double Y)[] Shake((float X, float Y)[] stroke, Random random)
    {
        var points = new (double X, double Y)[stroke.Length];
        var (wave1, wave2) = (10 + 12 * random.NextDouble(), 5 + 4 * random.NextDouble());
        var (phase1, phase2) = (random.NextDouble() * 2 * Math.PI, random.NextDouble() * 2 * Math.PI);
        for (var i = 0; i < stroke.Length; i++)
        {
            var (previous, next) = (stroke[Math.Max(0, i - 1)], stroke[Math.Min(stroke.Length - 1, i + 1)]);
            var (tx, ty) = (next.X - previous.X, next.Y - previous.Y);
            var length = Math.Max(1e-6, Math.Sqrt(tx * tx + ty * ty));
            var s = i * SkeletonGeometry.Step;
            var offset = style.Tremor * (Math.Sin(2 * Math.PI * s / wave1 + phase1) + 0.5 * Math.Sin(2 * Math.PI * s / wave2 + phase2));
            points[i] = (stroke[i].X - ty / length * offset, stroke[i].Y + tx / length * offset);
        }
        return points;
    }

    private static (double X, double Y)[] Trim((double X, double Y)[] points, Random random)
    {
        if (points.Length < 12 || random.NextDouble() >= TrimChance)
            return points;
        return points[..^random.Next(1, 7)];
    }

    /// <summary>A skipping pen: with the writer's chance, one long stroke gets a gap of 4–10 units.</summary>
    private IEnumerable<(double X, double Y)[]> MaybeBreak((double X, double Y)[] points, Random random)
    {
        if (points.Length < 30 || random.NextDouble() >= style.BreakChance)
            return [points];
        var start = (int)(points.Length * (0.25 + 0.45 * random.NextDouble()));
        var gap = random.Next(3, 7);
        return [points[..start], points[Math.Min(points.Length - 2, start + gap)..]];
    }

    private InkGlyph Draw(List<(double X, double Y)[]> strokes, List<((double X, double Y) Centre, double Radius)> dots, double penWidth,
        double cellTop, double cellHeight, string variant, Random random)
    {
        var all = strokes.SelectMany(s => s).Concat(dots.SelectMany(d => new[] { (d.Centre.X - d.Radius, d.Centre.Y - d.Radius), (d.Centre.X + d.Radius, d.Centre.Y + d.Radius) })).ToList();
        var margin = penWidth + 2;
        var (left, top) = (all.Min(p => p.Item1) - margin, all.Min(p => p.Item2) - margin);
        var width = (int)Math.Ceiling(all.Max(p => p.Item1) + margin - left);
        var height = (int)Math.Ceiling(all.Max(p => p.Item2) + margin - top);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Black);
            canvas.Translate((float)-left, (float)-top);
            using var pen = new SKPaint { Color = SKColors.White, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round };
            foreach (var stroke in strokes)
                DrawStroke(canvas, pen, stroke, penWidth, random);
            using var fill = new SKPaint { Color = SKColors.White, IsAntialias = true, Style = SKPaintStyle.Fill };
            foreach (var (centre, radius) in dots)
                canvas.DrawOval((float)centre.X, (float)centre.Y, (float)(radius * (0.85 + 0.3 * random.NextDouble())), (float)radius, fill);
        }
        return new InkGlyph(GrayImage.FromBytes(width, height, bitmap.GetPixelSpan()), cellTop - top, cellHeight, variant);
    }

    /// <summary>The stroke in short runs, each with the pen width the pressure profile gives it there.</summary>
    private void DrawStroke(SKCanvas canvas, SKPaint pen, (double X, double Y)[] points, double penWidth, Random random)
    {
        const int Run = 6;
        var phase = random.NextDouble() * 2 * Math.PI;
        for (var start = 0; start < points.Length - 1; start += Run)
        {
            var end = Math.Min(points.Length - 1, start + Run);
            var middle = (start + end) / 2.0 / Math.Max(1, points.Length - 1);
            var nearEnd = Math.Max(0, 1 - Math.Min(middle, 1 - middle) / 0.15);
            pen.StrokeWidth = (float)(penWidth * (1 - style.Taper * nearEnd) * (1 + 0.1 * Math.Sin(middle * 7 + phase)));
            using var path = new SKPath();
            path.MoveTo((float)points[start].X, (float)points[start].Y);
            for (var i = start + 1; i <= end; i++)
                path.LineTo((float)points[i].X, (float)points[i].Y);
            canvas.DrawPath(path, pen);
        }
    }
}
