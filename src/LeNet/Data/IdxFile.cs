using System.Buffers.Binary;
using System.IO.Compression;

namespace LeNet.Data;

/// <summary>The contents of one IDX file: its dimensions and its unsigned-byte payload.</summary>
/// <param name="Dimensions">Sizes from the header, outermost first (count, rows, columns for images).</param>
/// <param name="Data">The payload, row-major, exactly the product of <paramref name="Dimensions"/> bytes.</param>
public sealed record IdxFile(int[] Dimensions, byte[] Data)
{
    /// <summary>Largest payload accepted (a guard against gzip bombs and absurd headers): 1 GiB.</summary>
    public const long MaxPayloadBytes = 1L << 30;

    private const byte UnsignedByteType = 0x08;

    /// <summary>Number of items (the first dimension).</summary>
    public int Count => Dimensions[0];

    /// <summary>Reads an IDX file of unsigned bytes, raw or gzip-compressed (detected by content, not name).</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="expectedRank">Number of dimensions the caller needs (3 for images, 1 for labels).</param>
    /// <exception cref="DataFileException">The file is missing, truncated, compressed badly or not IDX.</exception>
    public static IdxFile Read(string path, int expectedRank)
    {
        if (!File.Exists(path))
            throw new DataFileException(path, "file not found");
        try
        {
            using var file = File.OpenRead(path);
            var gzip = IsGzip(file);
            IdxFile idx;
            using (var stream = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : (Stream)file)
                idx = Parse(stream, path, expectedRank);
            if (gzip)
                CheckGzipTrailer(file, path, 4L + 4 * expectedRank + idx.Data.Length);
            return idx;
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(path, $"corrupt gzip data ({e.Message})", e);
        }
        catch (IOException e)
        {
            throw new DataFileException(path, $"cannot be read ({e.Message})", e);
        }
    }

    /// <summary>
    /// A gzip file ends with the length of what it holds (ISIZE, modulo 2³²): a file cut before its trailer, which
    /// the decompressor accepts, fails this (the CRC-32 beside it is left to the dataset's SHA-256).
    /// </summary>
    private static void CheckGzipTrailer(FileStream file, string path, long decompressedLength)
    {
        Span<byte> size = stackalloc byte[4];
        if (file.Length >= 18)
            file.Seek(-4, SeekOrigin.End);
        if (file.Length < 18 || !TryFill(file, size) || BinaryPrimitives.ReadUInt32LittleEndian(size) != (uint)decompressedLength)
            throw new DataFileException(path, "corrupt gzip data (the trailer is missing or does not match the content: the file is probably cut short)");
    }

    /// <summary>SHA-256 (lower-case hex) of the decompressed file: magic number, header and payload.</summary>
    public string ComputeSha256()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)(UnsignedByteType << 8 | Dimensions.Length));
        hash.AppendData(word);
        foreach (var size in Dimensions)
        {
            BinaryPrimitives.WriteUInt32BigEndian(word, (uint)size);
            hash.AppendData(word);
        }
        hash.AppendData(Data);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static IdxFile Parse(Stream stream, string path, int expectedRank)
    {
        Span<byte> magic = stackalloc byte[4];
        if (!TryFill(stream, magic))
            throw new DataFileException(path, "truncated: shorter than the 4-byte IDX magic number");
        if (magic[0] != 0 || magic[1] != 0)
            throw new DataFileException(path, $"not an IDX file (magic number 0x{BinaryPrimitives.ReadUInt32BigEndian(magic):X8})");
        if (magic[2] != UnsignedByteType)
            throw new DataFileException(path, $"IDX element type 0x{magic[2]:X2} is not unsigned byte (0x08)");
        if (magic[3] != expectedRank)
            throw new DataFileException(path, $"IDX magic 0x{BinaryPrimitives.ReadUInt32BigEndian(magic):X8} declares {magic[3]} dimensions, expected {expectedRank} (magic 0x{0x800 + expectedRank:X8})");

        var header = new byte[4 * expectedRank];
        if (!TryFill(stream, header))
            throw new DataFileException(path, "truncated inside the IDX header");
        var dimensions = new int[expectedRank];
        long payload = 1;
        for (var i = 0; i < expectedRank; i++)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4 * i));
            if (size > int.MaxValue)
                throw new DataFileException(path, $"dimension {i} is {size}, too large");
            dimensions[i] = (int)size;
            payload *= size;
            if (payload > MaxPayloadBytes)
                throw new DataFileException(path, $"header declares more than {MaxPayloadBytes:N0} bytes of data ({string.Join(" x ", header.Chunk(4).Select(c => BinaryPrimitives.ReadUInt32BigEndian(c)))})");
        }

        var data = new byte[payload];
        var read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (read < data.Length)
            throw new DataFileException(path, $"truncated: header declares {payload:N0} data bytes but the file holds {read:N0}");
        if (stream.ReadByte() >= 0)
            throw new DataFileException(path, $"has data beyond the {payload:N0} bytes its header declares");
        return new IdxFile(dimensions, data);
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> head = stackalloc byte[2];
        var isGzip = file.Read(head) == 2 && head[0] == 0x1f && head[1] == 0x8b;
        file.Position = 0;
        return isGzip;
    }

    private static bool TryFill(Stream stream, Span<byte> buffer) =>
        stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;
}
