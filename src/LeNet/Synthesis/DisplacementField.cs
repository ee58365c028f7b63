namespace LeNet.Synthesis;

/// <summary>
/// A smooth random displacement of the plane: a sum of a few long sine waves in random directions. Seeded, so a
/// writer's field deforms a character the same way every time they write it.
/// </summary>
internal sealed class DisplacementField
{
    private const int Waves = 3;
    private readonly double[] _kx = new double[2 * Waves], _ky = new double[2 * Waves], _phase = new double[2 * Waves], _amplitude = new double[2 * Waves];

    /// <summary>A field moving points by about <paramref name="amplitude"/> cell units, in waves 60–200 units long.</summary>
    public DisplacementField(int seed, double amplitude)
    {
        var random = new Random(seed);
        for (var i = 0; i < 2 * Waves; i++)
        {
            var angle = random.NextDouble() * Math.PI;
            var wavelength = 60 + random.NextDouble() * 140;
            (_kx[i], _ky[i]) = (Math.Cos(angle) * 2 * Math.PI / wavelength, Math.Sin(angle) * 2 * Math.PI / wavelength);
            _phase[i] = random.NextDouble() * 2 * Math.PI;
            _amplitude[i] = amplitude * (0.5 + random.NextDouble()) / Math.Sqrt(Waves);
        }
    }

    /// <summary>The displacement at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public (double Dx, double Dy) At(double x, double y)
    {
        double dx = 0, dy = 0;
        for (var i = 0; i < Waves; i++)
        {
            dx += _amplitude[i] * Math.Sin(_kx[i] * x + _ky[i] * y + _phase[i]);
            dy += _amplitude[Waves + i] * Math.Sin(_kx[Waves + i] * x + _ky[Waves + i] * y + _phase[Waves + i]);
        }
        return (dx, dy);
    }
}
