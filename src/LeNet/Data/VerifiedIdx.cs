namespace LeNet.Data;

/// <summary>Reads an IDX file and checks it is byte-for-byte the expected standard file.</summary>
internal static class VerifiedIdx
{
    public static IdxFile Read(string path, DatasetFile expected, int rank)
    {
        var idx = IdxFile.Read(path, rank);
        var actual = idx.ComputeSha256();
        if (!string.Equals(actual, expected.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new DataFileException(path, $"checksum mismatch: SHA-256 of the decompressed content is {actual}, expected {expected.Sha256} for {expected.Name}");
        return idx;
    }

    /// <summary>Verifies <paramref name="candidate"/>, then moves it atomically to <paramref name="destination"/>.</summary>
    public static void Promote(string candidate, string destination, DatasetFile expected, int rank)
    {
        try
        {
            Read(candidate, expected, rank);
        }
        catch
        {
            File.Delete(candidate);
            throw;
        }
        File.Move(candidate, destination, overwrite: true);
    }

    public static int RankOf(DatasetFile file) => file.Name.Contains("idx3", StringComparison.Ordinal) ? 3 : 1;
}
