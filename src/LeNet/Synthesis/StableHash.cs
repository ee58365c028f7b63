namespace LeNet.Synthesis;

/// <summary>
/// A hash that is the same in every process (FNV-1a over the values), for seeding: .NET's string and
/// <see cref="HashCode"/> hashes are randomised per process, which would make generated data differ between runs.
/// </summary>
public static class StableHash
{
    private const uint Offset = 2166136261, Prime = 16777619;

    /// <summary>A non-negative seed from <paramref name="text"/> and <paramref name="values"/>.</summary>
    public static int Of(string text, params int[] values)
    {
        var hash = Offset;
        foreach (var c in text)
            hash = (hash ^ c) * Prime;
        foreach (var value in values)
        {
            for (var shift = 0; shift < 32; shift += 8)
                hash = (hash ^ (uint)((value >> shift) & 0xFF)) * Prime;
        }
        return (int)(hash & 0x7FFFFFFF);
    }
}
