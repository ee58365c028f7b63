namespace LeNet.Data;

/// <summary>Finds a dataset's four files in a folder, each raw or gzipped.</summary>
internal static class DatasetFolder
{
    /// <summary>
    /// The path of <paramref name="file"/> under <paramref name="folder"/> (as <c>name</c> or <c>name.gz</c>, in the
    /// folder itself or its sub-folder named after the dataset), or null.
    /// </summary>
    public static string? Find(string folder, DatasetInfo dataset, DatasetFile file)
    {
        foreach (var directory in new[] { Path.Combine(folder, dataset.Name), folder })
        {
            foreach (var name in new[] { file.Name + ".gz", file.Name })
            {
                var path = Path.Combine(directory, name);
                if (File.Exists(path))
                    return path;
            }
        }
        return null;
    }

    /// <summary>Paths of all four files when the folder has every one of them, else null.</summary>
    public static IReadOnlyDictionary<DatasetFile, string>? FindAll(string folder, DatasetInfo dataset)
    {
        var found = new Dictionary<DatasetFile, string>();
        foreach (var file in dataset.Files)
        {
            if (Find(folder, dataset, file) is not { } path)
                return null;
            found[file] = path;
        }
        return found;
    }
}
