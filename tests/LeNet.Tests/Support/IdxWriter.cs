using System.Buffers.Binary;
using System.IO.Compression;

namespace LeNet.Tests.Support;

/// <summary>Writes small synthetic IDX files (raw or gzipped), including deliberately broken ones.</summary>
internal static class IdxWriter
{
    public static byte[] Images(int count, int rows, int columns, Func<int, byte>? pixel = null)
    {
        var bytes = Header(0x0803, count, rows, columns);
        var data = new byte[count * rows * columns];
        for (var i = 0; i < data.Length; i++)
            data[i] = pixel?.Invoke(i) ?? (byte)(i * 7 % 256);
        return [.. bytes, .. data];
    }

    public static byte[] Labels(params byte[] labels) => [.. Header(0x0801, labels.Length), .. labels];

    public static byte[] Header(int magic, params int[] dimensions)
    {
        var header = new byte[4 + 4 * dimensions.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (var i = 0; i < dimensions.Length; i++)
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), dimensions[i]);
        return header;
    }

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(content);
        return output.ToArray();
    }
}
