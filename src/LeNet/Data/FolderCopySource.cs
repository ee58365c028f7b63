namespace LeNet.Data;

/// <summary>Copies the files from a folder installed by a system package (verified, atomically) into the cache.</summary>
internal sealed class FolderCopySource(string folder, string label) : IDatasetSource
{
    public string Description => $"{label} ({folder})";

    public void Fill(DatasetInfo dataset, string cacheFolder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
            throw new DatasetSourceException($"{folder} does not exist");
        Directory.CreateDirectory(cacheFolder);
        foreach (var file in dataset.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var source = DatasetFolder.Find(folder, dataset, file) ?? throw new DatasetSourceException($"{file.Name} not found in {folder}");
            var name = Path.GetFileName(source);
            var partial = Path.Combine(cacheFolder, $"{name}.{Environment.ProcessId}.part");
            File.Copy(source, partial, overwrite: true);
            VerifiedIdx.Promote(partial, Path.Combine(cacheFolder, name), file, VerifiedIdx.RankOf(file));
        }
    }
}
