namespace LeNet.Tests.Support;

/// <summary>The sample photos committed under samples/images.</summary>
internal static class Samples
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "samples", "images");

    public static string File(string name) => Path.Combine(Folder, name);

    public static byte[] Bytes(string name) => System.IO.File.ReadAllBytes(File(name));

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (System.IO.File.Exists(Path.Combine(folder.FullName, "LeNet.slnx")))
                return folder.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
