namespace LeNet.Cli.Commands;

/// <summary>The images a command was given: files as they are, folders as the images in them (sorted).</summary>
internal static class ImageInputs
{
    public static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp" };

    /// <summary>Every file, and every image file directly in every folder.</summary>
    /// <exception cref="LeNetException">Nothing to read, or an option <paramref name="command"/> does not have.</exception>
    public static List<string> Expand(IEnumerable<string> paths, string command)
    {
        var files = new List<string>();
        var given = paths.ToList();
        foreach (var path in given)
        {
            // The images argument takes any number of words, so an option the command does not have lands here.
            if (path.StartsWith('-') && !File.Exists(path) && !Directory.Exists(path))
                throw new LeNetException($"{path}: lenet {command} has no such option (lenet {command} --help lists them)");
            if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path).Where(f => Extensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal));
            else
                files.Add(path);
        }
        if (files.Count == 0)
            throw new LeNetException($"no images found in {string.Join(", ", given)} (looked for {string.Join(", ", Extensions)})");
        return files;
    }

    /// <summary>Whether any of the paths is a folder (then a CSV report is written by default).</summary>
    public static bool AnyFolder(IEnumerable<string> paths) => paths.Any(Directory.Exists);

    /// <summary>
    /// Whether reading one image of a batch failed in a way that costs only its own row: anything but an interruption.
    /// Failures that no input is expected to cause are caught too, so the rest of the batch keeps its results.
    /// </summary>
    public static bool IsRowProblem(Exception error) => error is not OperationCanceledException;

    /// <summary>
    /// What a batch's row says when its image could not be read, without the file's name: the row names its file.
    /// </summary>
    public static string Problem(string file, Exception error) => error is LeNetException
        ? error.Message.StartsWith($"{file}: ", StringComparison.Ordinal) ? error.Message[(file.Length + 2)..] : error.Message
        : $"could not be read ({error.GetType().Name}: {error.Message})";

    /// <summary>A CSV field, quoted when it needs to be.</summary>
    public static string Quote(string value) => value.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
