namespace LeNet.Training;

/// <summary>
/// A distinct, process-independent random stream for each (seed, epoch) and (seed, epoch, batch) of a run: any epoch
/// or batch can be redrawn exactly on resume. The multipliers are primes larger than any epoch or batch count, so
/// neighbouring seeds' streams never coincide; callers xor a salt of their own to keep their streams apart.
/// </summary>
public static class SeedStream
{
    /// <summary>The stream of one epoch.</summary>
    public static long Of(long seed, int epoch) => seed * 1_000_003 + epoch;

    /// <summary>The stream of one batch of one epoch.</summary>
    public static long Of(long seed, int epoch, int batch) => Of(seed, epoch) * 100_003 + batch;
}
