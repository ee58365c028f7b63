namespace LeNet.Data;

/// <summary>A place that can put a dataset's verified files into the cache folder.</summary>
internal interface IDatasetSource
{
    /// <summary>Shown in logs and in the "tried" list when nothing works.</summary>
    string Description { get; }

    /// <summary>Places every missing file into <paramref name="cacheFolder"/>, verified, atomically.</summary>
    /// <exception cref="DatasetSourceException">The source is unavailable.</exception>
    void Fill(DatasetInfo dataset, string cacheFolder, CancellationToken cancellationToken);
}

/// <summary>A dataset source could not provide the files.</summary>
internal sealed class DatasetSourceException(string message, Exception? inner = null) : Exception(message, inner);
