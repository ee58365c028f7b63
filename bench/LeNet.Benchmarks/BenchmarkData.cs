namespace LeNet.Benchmarks;

/// <summary>Where the benchmarks find their inputs: the MNIST files and the sample photos of this repository.</summary>
internal static class BenchmarkData
{
    /// <summary>The repository root, found from the working directory upwards.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>MNIST's folder: <c>LENET_DATA</c>, else <c>../shared/datasets</c> beside the repository.</summary>
    public static string MnistFolder =>
        Path.Combine(Environment.GetEnvironmentVariable("LENET_DATA") ?? Path.Combine(Root, "..", "shared", "datasets"), "mnist");

    /// <summary>A sample photo of one handwritten digit.</summary>
    public static string DigitPhoto => Path.Combine(Root, "samples", "images", "digit-7.jpg");

    /// <summary>The sample photos of handwritten sums.</summary>
    public static IEnumerable<string> SumPhotos => Enumerable.Range(1, 5).Select(i => Path.Combine(Root, "samples", "images", $"sum-{i}.jpg"));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "LeNet.slnx")))
                return folder.FullName;
        }
        throw new InvalidOperationException("run the benchmarks from inside the repository");
    }
}
