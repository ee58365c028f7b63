using LeNet.Inference;
using SkiaSharp;

namespace LeNet.Synthesis;

/// <summary>
/// Writes with a handwriting font, varied as a person's hand varies: each glyph's outline is bent by a smooth random
/// field, slanted, turned a little, and drawn bolder or as it is. Characters the font lacks fall back to what people
/// write for them (a hyphen for −, x for ×, a colon for ÷); a character with no stand-in cannot be written.
/// </summary>
public sealed class FontHand : IHand
{
    private readonly SKTypeface _typeface;
    /// <summary>A digit's height per unit of font size (the 0's ink height).</summary>
    private readonly float _digitHeight;
    private readonly Dictionary<string, string[]> _texts;

    private FontHand(HandwritingFont font, SKTypeface typeface)
    {
        Font = font;
        _typeface = typeface;
        using var measuring = new SKFont(typeface, 100);
        measuring.MeasureText("0", out var bounds);
        _digitHeight = Math.Max(1, bounds.Height) / 100;
        _texts = Symbols.Math.Append(Symbols.MultiplicationDot).ToDictionary(l => l, l => Candidates(l).Where(c => c.All(ch => typeface.ContainsGlyph(ch))).ToArray());
    }

    /// <summary>The font.</summary>
    public HandwritingFont Font { get; }

    /// <inheritdoc />
    public string Name => Font.Family;

    /// <summary>Opens the font file at <paramref name="path"/>.</summary>
    /// <exception cref="LeNetException">The file is not a font Skia can read.</exception>
    public static FontHand Open(HandwritingFont font, string path) =>
        new(font, SKTypeface.FromFile(path) ?? throw new LeNetException($"{path}: not a font file Skia can read ({font.Family})"));

    /// <inheritdoc />
    public bool CanWrite(string label) => _texts.TryGetValue(label, out var texts) && texts.Length > 0;

    /// <inheritdoc />
    public InkGlyph Write(string label, double height, Random random)
    {
        var texts = _texts.GetValueOrDefault(label) ?? [];
        if (texts.Length == 0)
            throw new ArgumentException($"{Font.Family} cannot write '{label}'", nameof(label));
        var text = texts[random.Next(texts.Length)];
        var size = (float)(height / _digitHeight * (1 + 0.06 * Noise.Gaussian(random)));
        using var font = new SKFont(_typeface, size) { Subpixel = true };
        using var outline = font.GetTextPath(text, new SKPoint(0, 0));
        using var bent = Bend(outline, size, random);
        var bold = random.NextDouble() < 0.4 ? (float)(size * _digitHeight * Noise.Between(random, 0.01, 0.07)) : 0;
        var bounds = bent.TightBounds;
        var margin = bold + 3;
        var (width, imageHeight) = ((int)Math.Ceiling(bounds.Width + 2 * margin), (int)Math.Ceiling(bounds.Height + 2 * margin));
        if (width <= 0 || imageHeight <= 0 || bounds.IsEmpty)
            throw new InvalidOperationException($"{Font.Family}: '{text}' has no outline");
        using var bitmap = new SKBitmap(new SKImageInfo(width, imageHeight, SKColorType.Gray8, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Black);
            canvas.Translate(margin - bounds.Left, margin - bounds.Top);
            using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true, Style = bold > 0 ? SKPaintStyle.StrokeAndFill : SKPaintStyle.Fill, StrokeWidth = bold, StrokeJoin = SKStrokeJoin.Round };
            canvas.DrawPath(bent, paint);
        }
        // The baseline is y = 0 in text coordinates, so a digit's top is one digit height above it.
        var cellTop = margin - bounds.Top - size * _digitHeight;
        return new InkGlyph(GrayImage.FromBytes(width, imageHeight, bitmap.GetPixelSpan()), cellTop, size * _digitHeight, $"{Font.Family} '{text}'");
    }

    /// <summary>The outline moved point by point: a smooth field (2–5 % of the height), slant and a small turn.</summary>
    private static SKPath Bend(SKPath outline, float size, Random random)
    {
        var unit = size / 100.0; // field in cell-like units of the font size
        var field = new DisplacementField(random.Next(), Noise.Between(random, 1.5, 5));
        var slant = 0.12 * Noise.Gaussian(random);
        var angle = 3 * Noise.Gaussian(random) * Math.PI / 180;
        var (cos, sin) = (Math.Cos(angle), Math.Sin(angle));
        SKPoint Map(SKPoint p)
        {
            var (dx, dy) = field.At(p.X / unit, p.Y / unit);
            double x = p.X + dx * unit, y = p.Y + dy * unit;
            x -= slant * y; // y is negative above the baseline: a positive slant leans right
            return new SKPoint((float)(cos * x - sin * y), (float)(sin * x + cos * y));
        }
        var result = new SKPath();
        using var iterator = outline.CreateRawIterator();
        var points = new SKPoint[4];
        SKPathVerb verb;
        while ((verb = iterator.Next(points)) != SKPathVerb.Done)
        {
            switch (verb)
            {
                case SKPathVerb.Move: result.MoveTo(Map(points[0])); break;
                case SKPathVerb.Line: result.LineTo(Map(points[1])); break;
                case SKPathVerb.Quad: result.QuadTo(Map(points[1]), Map(points[2])); break;
                case SKPathVerb.Conic: result.ConicTo(Map(points[1]), Map(points[2]), iterator.ConicWeight()); break;
                case SKPathVerb.Cubic: result.CubicTo(Map(points[1]), Map(points[2]), Map(points[3])); break;
                case SKPathVerb.Close: result.Close(); break;
            }
        }
        return result;
    }

    /// <summary>What a font may draw for a class, preferred first.</summary>
    private static IEnumerable<string> Candidates(string label) => label switch
    {
        Symbols.Minus => ["−", "-"],
        Symbols.Times => ["×", "x", "*"],
        Symbols.Divide => ["÷", ":"],
        Symbols.MultiplicationDot => ["·", "⋅"],
        _ => [label],
    };
}
