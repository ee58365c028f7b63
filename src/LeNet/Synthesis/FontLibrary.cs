namespace LeNet.Synthesis;

/// <summary>
/// Finds the catalogue's font files in folders (Debian's <c>/usr/share/fonts</c>, an npm <c>node_modules</c>) and
/// opens them as hands. Missing fonts are reported, not guessed: a generated set names exactly what it was made from.
/// </summary>
public sealed class FontLibrary
{
    private readonly Dictionary<string, string> _files;

    private FontLibrary(Dictionary<string, string> files) => _files = files;

    /// <summary>Indexes every font file under <paramref name="folders"/> (folders that do not exist are skipped).</summary>
    public static FontLibrary Scan(IEnumerable<string> folders)
    {
        var wanted = FontCatalog.All.Select(f => f.FileName).ToHashSet(StringComparer.Ordinal);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in folders.Where(Directory.Exists))
        {
            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 8 };
            foreach (var file in Directory.EnumerateFiles(folder, "*", options))
            {
                var name = Path.GetFileName(file);
                if (wanted.Contains(name))
                    files.TryAdd(name, file);
            }
        }
        return new FontLibrary(files);
    }

    /// <summary>Where <paramref name="font"/>'s file is, or null when it is not installed.</summary>
    public string? PathOf(HandwritingFont font) => _files.GetValueOrDefault(font.FileName);

    /// <summary>The catalogue's fonts of <paramref name="split"/> that are installed.</summary>
    public IReadOnlyList<HandwritingFont> Available(StyleSplit split) => [.. FontCatalog.Of(split).Where(f => PathOf(f) is not null)];

    /// <summary>The catalogue's fonts of <paramref name="split"/> that are not installed.</summary>
    public IReadOnlyList<HandwritingFont> Missing(StyleSplit split) => [.. FontCatalog.Of(split).Where(f => PathOf(f) is null)];

    /// <summary>Hands for the installed fonts of <paramref name="split"/>.</summary>
    public IReadOnlyList<FontHand> Hands(StyleSplit split) => [.. Available(split).Select(f => FontHand.Open(f, PathOf(f)!))];
}
