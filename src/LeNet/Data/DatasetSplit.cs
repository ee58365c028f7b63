namespace LeNet.Data;

/// <summary>A dataset's official training and test sets, loaded and verified.</summary>
/// <param name="Origin">Where the files were read from, for the run log.</param>
public sealed record DatasetSplit(DatasetInfo Info, ImageDataset Train, ImageDataset Test, string Origin) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
