using LeNet.Data;

namespace LeNet.Tests.Support;

/// <summary>Locates the real MNIST / Fashion-MNIST files for tests: $LENET_DATA, else ../shared/datasets beside the repository.</summary>
internal static class TestData
{
    private static readonly Lazy<string> Folder = new(Locate);

    /// <summary>The folder holding <c>mnist/</c> and <c>fashion-mnist/</c>.</summary>
    public static string Datasets => Folder.Value;

    /// <summary>Options that read only the real dataset folder.</summary>
    public static DataOptions Options => new(Datasets, Path.Combine(Path.GetTempPath(), "lenet-tests-unused-cache"), AllowDownload: false, NpmExecutable: null);

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("LENET_DATA") is { Length: > 0 } fromEnvironment)
            return fromEnvironment;
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "datasets");
            if (Directory.Exists(Path.Combine(candidate, "mnist")))
                return candidate;
            candidate = Path.Combine(folder.FullName, "..", "shared", "datasets");
            if (Directory.Exists(Path.Combine(candidate, "mnist")))
                return Path.GetFullPath(candidate);
        }
        throw new InvalidOperationException(
            "The MNIST files were not found: set LENET_DATA to a folder holding mnist/ and fashion-mnist/ (standard IDX files), or place them in ../shared/datasets beside the repository.");
    }
}
