namespace LeNet.Data;

/// <summary>Downloads the gzipped IDX files from public mirrors, trying each mirror in turn.</summary>
internal sealed class MirrorDownloadSource(IReadOnlyList<string> mirrors, TimeSpan timeout) : IDatasetSource
{
    public string Description => mirrors.Count == 1 ? $"download from {mirrors[0]}" : $"download from the {mirrors.Count} public mirrors";

    public void Fill(DatasetInfo dataset, string cacheFolder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(cacheFolder);
        using var http = new HttpClient { Timeout = timeout };
        foreach (var file in dataset.Files)
        {
            if (DatasetFolder.Find(cacheFolder, dataset, file) is not null)
                continue;
            var problems = new List<string>();
            var done = false;
            foreach (var mirror in mirrors)
            {
                var url = mirror.TrimEnd('/') + "/" + file.Name + ".gz";
                try
                {
                    Download(http, url, cacheFolder, file, cancellationToken);
                    done = true;
                    break;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or DataFileException)
                {
                    problems.Add($"{url}: {(e is TaskCanceledException ? "timed out" : e.Message)}");
                }
            }
            if (!done)
                throw new DatasetSourceException(string.Join("; ", problems));
        }
    }

    private static void Download(HttpClient http, string url, string cacheFolder, DatasetFile file, CancellationToken cancellationToken)
    {
        // The partial file has its own name until verified, so a cut-off download never looks like a cached file.
        var partial = Path.Combine(cacheFolder, $"{file.Name}.gz.{Environment.ProcessId}.part");
        try
        {
            using (var response = http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).GetAwaiter().GetResult())
            {
                response.EnsureSuccessStatusCode();
                using var body = response.Content.ReadAsStream(cancellationToken);
                using var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None);
                body.CopyTo(output);
                output.Flush(flushToDisk: true);
            }
            VerifiedIdx.Promote(partial, Path.Combine(cacheFolder, file.Name + ".gz"), file, VerifiedIdx.RankOf(file));
        }
        finally
        {
            if (File.Exists(partial))
                File.Delete(partial);
        }
    }
}
