using LeNet.Inference;

namespace LeNet.Data;

/// <summary>An image that could not be used, and why.</summary>
public sealed record SkippedImage(string Path, string Problem);

/// <summary>
/// Labelled images read from a folder in the torchvision <c>ImageFolder</c> convention: each sub-folder is a class
/// named by the folder (<c>0</c> … <c>9</c>, letters, symbols), holding images of any format <c>predict</c> reads.
/// Every image goes through exactly the preprocessing of <c>predict</c> and becomes a 28 × 28 field. Images that
/// cannot be read, or hold no ink, are skipped and named in <see cref="Skipped"/>; a folder that cannot make a
/// dataset is refused.
/// </summary>
/// <param name="ClassNames">The classes, in label order: numeric names by value, then the others ordinally.</param>
/// <param name="Pixels">The fields, 784 bytes each, in example order.</param>
/// <param name="Labels">Each example's index into <see cref="ClassNames"/>.</param>
/// <param name="Files">Each example's file.</param>
public sealed record ImageFolder(string Root, IReadOnlyList<string> ClassNames, byte[] Pixels, int[] Labels, IReadOnlyList<string> Files,
    IReadOnlyList<SkippedImage> Skipped)
{
    /// <summary>Most image files one class folder may hold: beyond this a folder is a mistake, not a handful of examples.</summary>
    public const int MaxFilesPerClass = 100_000;

    /// <summary>The file types read, as <c>predict</c> reads them.</summary>
    public static IReadOnlySet<string> Extensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp" };

    /// <summary>Number of usable examples.</summary>
    public int Count => Labels.Length;

    /// <summary>How many examples each class has, in label order.</summary>
    public int[] PerClass()
    {
        var counts = new int[ClassNames.Count];
        foreach (var label in Labels)
            counts[label]++;
        return counts;
    }

    /// <summary>Reads <paramref name="root"/>: every class folder, every image in it.</summary>
    /// <exception cref="LeNetException">
    /// The folder is missing, has fewer than two class folders, a class folder with more than
    /// <see cref="MaxFilesPerClass"/> files, or a class left with no usable image.
    /// </exception>
    /// <param name="minimumClasses">Fewest class folders accepted: two to train a classifier, one to adapt one.</param>
    public static ImageFolder Read(string root, ImageLimits? limits = null, int threads = 0, int minimumClasses = 2)
    {
        var classes = ClassFolders(root, minimumClasses);
        var jobs = new List<(string File, int Label)>();
        for (var label = 0; label < classes.Count; label++)
        {
            var files = ImageFiles(Path.Combine(root, classes[label]), classes[label]);
            jobs.AddRange(files.Select(f => (f, label)));
        }
        var fields = new byte[]?[jobs.Count];
        var problems = new string?[jobs.Count];
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount },
            i => (fields[i], problems[i]) = Field(jobs[i].File, limits));
        var kept = Enumerable.Range(0, jobs.Count).Where(i => fields[i] is not null).ToList();
        var skipped = Enumerable.Range(0, jobs.Count).Where(i => fields[i] is null).Select(i => new SkippedImage(jobs[i].File, problems[i]!)).ToList();
        var folder = new ImageFolder(root, classes, [.. kept.SelectMany(i => fields[i]!)], [.. kept.Select(i => jobs[i].Label)],
            [.. kept.Select(i => jobs[i].File)], skipped);
        var empty = folder.PerClass().Select((n, c) => (n, c)).Where(x => x.n == 0).Select(x => classes[x.c]).ToList();
        if (empty.Count > 0)
            throw new LeNetException($"{root}: class folder(s) {string.Join(", ", empty)} hold no usable image" +
                                     (skipped.Count > 0 ? $" ({skipped.Count} image(s) skipped, first: {skipped[0].Path}: {skipped[0].Problem})" : ""));
        return folder;
    }

    /// <summary>The class folders of <paramref name="root"/>, in label order.</summary>
    private static List<string> ClassFolders(string root, int minimumClasses)
    {
        if (File.Exists(root))
            throw new LeNetException($"{root}: is a file; give a folder with one sub-folder per class (e.g. {root}/0, {root}/1, …)");
        if (!Directory.Exists(root))
            throw new LeNetException($"{root}: the folder does not exist");
        var names = Directory.EnumerateDirectories(root).Select(Path.GetFileName).OfType<string>()
            .Where(n => !n.StartsWith('.')).ToList();
        if (names.Count < minimumClasses)
            throw new LeNetException($"{root}: holds {(names.Count == 0 ? "no class folder" : $"one class folder only ({names[0]})")}; " +
                                     $"a dataset needs a sub-folder per class, at least {(minimumClasses == 1 ? "one" : "two")} (e.g. 0, 1, …, 9)");
        return [.. names.OrderBy(n => int.TryParse(n, out var v) ? v : int.MaxValue).ThenBy(n => n, StringComparer.Ordinal)];
    }

    private static List<string> ImageFiles(string folder, string className)
    {
        var files = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (!Extensions.Contains(Path.GetExtension(file)))
                continue;
            if (files.Count == MaxFilesPerClass)
                throw new LeNetException($"{folder}: class '{className}' holds more than {MaxFilesPerClass:N0} images, the most one class may have");
            files.Add(file);
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>The field of one image as <c>predict</c> makes it, or why there is none.</summary>
    private static (byte[]? Field, string? Problem) Field(string file, ImageLimits? limits)
    {
        try
        {
            var (_, field) = MnistFormatter.Prepare(ImageDecoder.DecodeFile(file, limits));
            return field is null ? (null, "no ink found: the image looks blank") : (field.ToBytes(), null);
        }
        catch (Exception e) when (e is LeNetException or IOException or UnauthorizedAccessException)
        {
            var prefix = file + ": ";
            return (null, e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message);
        }
    }
}
