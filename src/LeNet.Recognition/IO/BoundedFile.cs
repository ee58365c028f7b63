namespace LeNet.IO;

/// <summary>Why a file could not be read whole.</summary>
public enum FileProblem
{
    /// <summary>Nothing is there.</summary>
    Missing,

    /// <summary>A folder, or a pipe, device or other file that is not a regular file.</summary>
    NotARegularFile,

    /// <summary>Larger than the limit.</summary>
    TooLarge,

    /// <summary>The operating system refused or failed (permissions, a symbolic-link loop, an I/O error).</summary>
    Unreadable,
}

/// <summary>A file that could not be read whole; the message names the file and the problem.</summary>
public sealed class FileReadException(string path, FileProblem problem, string detail) : LeNetException($"{path}: {detail}")
{
    /// <summary>What went wrong.</summary>
    public FileProblem Problem { get; } = problem;

    /// <summary>The problem without the file's name.</summary>
    public string Detail { get; } = detail;
}

/// <summary>
/// Reads a whole file with a cap on what is read, not on what the file system reports: <c>/dev/zero</c> reports no
/// length and a growing file reports a stale one, and either would be read until memory runs out. Pipes and devices
/// report no length and are refused before they are opened (opening a pipe with no writer waits forever); so are
/// empty files, which hold nothing to read.
/// </summary>
public static class BoundedFile
{
    /// <summary>The bytes of <paramref name="path"/>, at most <paramref name="maxBytes"/>; <paramref name="what"/> ("image", "model file") names it in messages.</summary>
    /// <exception cref="FileReadException">Missing, not a regular file, empty, larger than the limit, or unreadable.</exception>
    public static byte[] Read(string path, long maxBytes, string what)
    {
        try
        {
            if (Directory.Exists(path))
                throw new FileReadException(path, FileProblem.NotARegularFile, $"is a folder, not a {what}");
            var info = new FileInfo(path);
            if (!info.Exists)
                throw new FileReadException(path, FileProblem.Missing, "file not found");
            if (info.Length == 0)
                throw new FileReadException(path, FileProblem.NotARegularFile, "holds no data: an empty file, or a pipe or device rather than a regular file");
            if (info.Length > maxBytes)
                throw new FileReadException(path, FileProblem.TooLarge, $"{info.Length:N0} bytes exceeds the {maxBytes:N0}-byte limit");
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            return ReadAtMost(stream, path, maxBytes, info.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileReadException(path, FileProblem.Unreadable, $"cannot read the {what} ({e.Message.TrimEnd('.')})");
        }
    }

    private static byte[] ReadAtMost(Stream stream, string path, long maxBytes, long reported)
    {
        using var content = new MemoryStream();
        var buffer = new byte[81_920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (content.Length + read > maxBytes)
                throw new FileReadException(path, FileProblem.TooLarge, $"gives more than the {maxBytes:N0} bytes it may have (it reported {reported:N0}); reading stopped there");
            content.Write(buffer, 0, read);
        }
        return content.ToArray();
    }
}
