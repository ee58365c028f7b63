using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LeNet.IO;

/// <summary>
/// The container behind model and checkpoint files: a magic number, then named sections, each with its length and
/// SHA-256. Reading checks every length against the file and every checksum before any section is used, and it
/// never executes anything (unlike a pickle).
/// </summary>
public static class SectionFile
{
    /// <summary>"LENET", NUL, CR, LF: binary-safe and broken by any text-mode transfer, like PNG's signature.</summary>
    private static readonly byte[] Magic = "LENET\0\r\n"u8.ToArray();
    private const uint FormatVersion = 1;
    private const int MaxSections = 32;
    private const int MaxNameBytes = 64;

    /// <summary>The largest model or checkpoint file read: 256 MiB (a LeNet-5 model is 250 KB, its checkpoint 750 KB).</summary>
    public const long MaxFileBytes = 256L << 20;

    /// <summary>Writes the sections atomically to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<(string Name, byte[] Content)> sections) =>
        AtomicFile.Write(path, stream => WriteTo(stream, sections));

    /// <summary>The file's bytes for <paramref name="sections"/>, as <see cref="Write"/> would store them.</summary>
    public static byte[] ToBytes(IReadOnlyList<(string Name, byte[] Content)> sections)
    {
        using var buffer = new MemoryStream();
        WriteTo(buffer, sections);
        return buffer.ToArray();
    }

    private static void WriteTo(Stream stream, IReadOnlyList<(string Name, byte[] Content)> sections)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(sections.Count);
        foreach (var (name, content) in sections)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            writer.Write((ushort)nameBytes.Length);
            writer.Write(nameBytes);
            writer.Write((long)content.Length);
            writer.Write(SHA256.HashData(content));
            writer.Write(content);
        }
    }

    /// <summary>Reads and verifies every section of <paramref name="path"/>.</summary>
    /// <param name="kind">What the file should be ("model file", "checkpoint"), for messages.</param>
    /// <exception cref="LeNetException">The file is missing, foreign, truncated or damaged.</exception>
    public static IReadOnlyDictionary<string, byte[]> Read(string path, string kind)
    {
        return Parse(BoundedFile.Read(path, MaxFileBytes, kind), path, kind);
    }

    /// <summary>Verifies and splits the sections of a file already in memory; <paramref name="path"/> labels messages.</summary>
    /// <exception cref="LeNetException">The content is foreign, truncated or damaged.</exception>
    public static IReadOnlyDictionary<string, byte[]> Parse(byte[] bytes, string path, string kind)
    {
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new LeNetException($"{path}: not a LeNet.NET {kind} — {Identify(bytes)}");

        var sections = new Dictionary<string, byte[]>();
        var position = Magic.Length;
        uint Next32()
        {
            Need(4);
            var value = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position));
            position += 4;
            return value;
        }
        void Need(long count)
        {
            if (count < 0 || position + count > bytes.Length)
                throw new LeNetException($"{path}: the {kind} is truncated or damaged (needs {count:N0} bytes at offset {position:N0}, file has {bytes.Length:N0})");
        }

        var version = Next32();
        if (version != FormatVersion)
            throw new LeNetException($"{path}: {kind} format version {version} is not supported (this build reads version {FormatVersion})");
        var count = Next32();
        if (count > MaxSections)
            throw new LeNetException($"{path}: the {kind} is damaged (declares {count} sections)");
        for (var i = 0; i < count; i++)
        {
            Need(2);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(position));
            position += 2;
            if (nameLength > MaxNameBytes)
                throw new LeNetException($"{path}: the {kind} is damaged (section name of {nameLength} bytes)");
            Need(nameLength);
            var name = Encoding.UTF8.GetString(bytes, position, nameLength);
            position += nameLength;
            Need(8);
            var length = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(position));
            position += 8;
            Need(32);
            var expected = bytes.AsSpan(position, 32).ToArray();
            position += 32;
            Need(length);
            var content = bytes.AsSpan(position, (int)length).ToArray();
            position += (int)length;
            if (!SHA256.HashData(content).AsSpan().SequenceEqual(expected))
                throw new LeNetException($"{path}: the {kind}'s '{name}' section fails its SHA-256 check (the file is damaged)");
            sections[name] = content;
        }
        if (position != bytes.Length)
            throw new LeNetException($"{path}: the {kind} has {bytes.Length - position:N0} unexpected bytes at its end");
        return sections;
    }

    private static string Identify(byte[] bytes) => bytes switch
    {
        [] => "the file is empty",
        [(byte)'P', (byte)'K', 3, 4, ..] => "it is a ZIP archive, as PyTorch's torch.save writes (.pt/.pth); such files hold pickled code and are never loaded here. Export the weights with 'lenet' or convert them first",
        [0x80, >= 2 and <= 5, ..] => "it is a Python pickle (a legacy .pt/.pth); pickles can run code and are never loaded here",
        [0x08, ..] or [(byte)'p', (byte)'y', (byte)'t', (byte)'o', (byte)'r', (byte)'c', (byte)'h', ..] => "it looks like an ONNX model; use the ONNX runtime option instead",
        _ => "it does not start with the LeNet.NET signature",
    };
}
