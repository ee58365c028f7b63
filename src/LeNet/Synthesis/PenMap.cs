namespace LeNet.Synthesis;

/// <summary>
/// Where a point of a skeleton lands on the page for one written instance: operator scaling about the middle line,
/// the writer's consistent deformation plus this instance's wobble, slant, aspect, a small rotation, then pixels.
/// </summary>
internal sealed class PenMap
{
    /// <summary>Standard deviation of the per-instance rotation, in degrees.</summary>
    private const double RotationDegrees = 2.5;
    /// <summary>
    /// How much of the writer's slant a slash takes: a / is drawn as a diagonal of its own (30° or more from
    /// vertical), not as a vertical stroke that leans with the hand — else it could not be told from a 1.
    /// </summary>
    private const double SlashSlant = 0.3;
    private readonly DisplacementField _writer, _instance;
    private readonly double _centreX, _operatorScale, _slant, _aspect, _cos, _sin, _scale;

    public PenMap(GlyphSkeleton skeleton, WriterStyle style, double scale, Random random)
    {
        _writer = new DisplacementField(StableHash.Of(skeleton.Name, style.Seed), style.Deformation);
        _instance = new DisplacementField(random.Next(), style.Wobble);
        _centreX = SkeletonGeometry.CentreX(skeleton);
        _operatorScale = skeleton.IsOperator ? style.OperatorScale * (1 + 0.1 * Noise.Gaussian(random)) : 1;
        _slant = (skeleton.Label == Inference.Symbols.Slash ? SlashSlant : 1) * style.Slant + 0.04 * Noise.Gaussian(random);
        _aspect = style.Aspect * (1 + 0.05 * Noise.Gaussian(random));
        var angle = RotationDegrees * Noise.Gaussian(random) * Math.PI / 180;
        (_cos, _sin) = (Math.Cos(angle), Math.Sin(angle));
        _scale = scale;
    }

    /// <summary>Where the top of the digit cell (y = 0) lands, in pixels.</summary>
    public double CellTop => 0;

    /// <summary>The pixel position of cell point (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public (double X, double Y) Apply(double x, double y)
    {
        (x, y) = (_centreX + (x - _centreX) * _operatorScale, 50 + (y - 50) * _operatorScale);
        var (wx, wy) = _writer.At(x, y);
        var (ix, iy) = _instance.At(x, y);
        (x, y) = (x + wx + ix, y + wy + iy);
        x = (x + _slant * (100 - y)) * _aspect;
        var (cx, cy) = (x - _centreX * _aspect, y - 50);
        (x, y) = (_centreX * _aspect + _cos * cx - _sin * cy, 50 + _sin * cx + _cos * cy);
        return (x * _scale, y * _scale);
    }
}
