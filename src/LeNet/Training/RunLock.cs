namespace LeNet.Training;

/// <summary>
/// Exclusive ownership of a run folder: a second run writing the same <c>--out</c> is refused instead of both
/// corrupting it. The lock is an OS file lock, so a killed run never leaves a stale lock behind.
/// </summary>
public sealed class RunLock : IDisposable
{
    private const string FileName = ".lenet.lock";
    private readonly FileStream _stream;
    private readonly string _folder;
    private readonly bool _createdFolder;

    private RunLock(FileStream stream, string folder, bool createdFolder) => (_stream, _folder, _createdFolder) = (stream, folder, createdFolder);

    /// <summary>Takes the lock on <paramref name="folder"/>, creating the folder when needed.</summary>
    /// <exception cref="LeNetException">Another run holds the folder, or it cannot be created.</exception>
    public static RunLock Acquire(string folder)
    {
        var path = Path.Combine(folder, FileName);
        try
        {
            var createdFolder = !Directory.Exists(folder);
            Directory.CreateDirectory(folder);
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            stream.Write(System.Text.Encoding.UTF8.GetBytes($"{Environment.ProcessId}\n"));
            stream.Flush();
            RemoveAbandonedTemporaryFiles(folder);
            return new RunLock(stream, folder, createdFolder);
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new LeNetException($"{folder}: another training run is using this output folder; wait for it or choose another --out", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LeNetException($"{folder}: cannot be used as the output folder ({e.Message.TrimEnd('.')})", e);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The lock file goes while it is still held, so no other run's lock file is ever removed; a folder this run
        // created and left empty (it failed before writing anything) goes too.
        BestEffort(() => File.Delete(_stream.Name));
        _stream.Dispose();
        if (_createdFolder)
            BestEffort(() =>
            {
                if (!Directory.EnumerateFileSystemEntries(_folder).Any())
                    Directory.Delete(_folder);
            });
    }

    private static void BestEffort(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leftovers are harmless: a stale lock file is taken over by the next run.
        }
    }

    /// <summary>
    /// Temporary files of a run killed mid-write (the real files are intact: they are only ever replaced by rename).
    /// Safe to delete: holding the lock means no other run is writing here.
    /// </summary>
    private static void RemoveAbandonedTemporaryFiles(string folder)
    {
        // Best effort: an abandoned temporary file never shadows a real one.
        foreach (var file in Directory.EnumerateFiles(folder, ".*.tmp"))
            BestEffort(() => File.Delete(file));
    }
}
