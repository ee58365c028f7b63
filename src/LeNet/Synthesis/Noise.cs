namespace LeNet.Synthesis;

/// <summary>Random draws the generator needs beyond <see cref="Random"/>'s uniform ones.</summary>
internal static class Noise
{
    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>A uniform draw in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static double Between(Random random, double low, double high) => low + random.NextDouble() * (high - low);
}
