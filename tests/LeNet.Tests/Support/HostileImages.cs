using System.Buffers.Binary;
using System.IO.Compression;
using LeNet.Inference;
using SkiaSharp;

namespace LeNet.Tests.Support;

/// <summary>Hand-built image files: valid ones with unusual properties, and malformed or hostile ones.</summary>
internal static class HostileImages
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A PNG whose IHDR declares width × height, with a valid CRC and a tiny (wrong) payload.</summary>
    public static byte[] PngDeclaring(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 0; // greyscale
        using var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.Fastest, leaveOpen: true))
            z.Write(new byte[100]);
        return [.. PngSignature, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", idat.ToArray()), .. Chunk("IEND", [])];
    }

    /// <summary>A 70-byte BMP whose header declares <paramref name="width"/> × <paramref name="height"/> (negative height: top-down).</summary>
    public static byte[] BmpDeclaring(int width, int height)
    {
        var bmp = new byte[70];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);  // pixel data offset
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);  // BITMAPINFOHEADER
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);   // planes
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);  // bits per pixel
        return bmp;
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typeBytes.CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32([.. typeBytes, .. data]));
        return chunk;
    }

    /// <summary>PNG's CRC-32 (ISO 3309), bit by bit: test data only.</summary>
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>A JPEG with an EXIF APP1 segment carrying the given orientation (1–8).</summary>
    public static byte[] JpegWithOrientation(GrayImage image, ushort orientation)
    {
        var jpeg = LeNet.Synthesis.PaperPhoto.Jpeg(image, 95);
        // TIFF header (little-endian) + one IFD entry: tag 0x0112 (Orientation), type SHORT, count 1, value.
        byte[] tiff = [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte)orientation, 0, 0, 0, 0, 0, 0, 0];
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        var length = (ushort)(payload.Length + 2);
        byte[] app1 = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    /// <summary>An image with a single dark vertical bar in its left third on white: easy to locate after rotation.</summary>
    public static GrayImage BarOnTheLeft(int width = 90, int height = 60)
    {
        var image = GrayImage.Blank(width, height, 1);
        image.Fill(new PixelBox(12, 10, 8, height - 20), 0);
        return image;
    }

    public static byte[] Encode(GrayImage image, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var bytes = image.ToBytes();
        for (var i = 0; i < bytes.Length; i++)
            bitmap.SetPixel(i % image.Width, i / image.Width, new SKColor(bytes[i], bytes[i], bytes[i]));
        using var data = bitmap.Encode(format, 95);
        return data.ToArray();
    }
}
