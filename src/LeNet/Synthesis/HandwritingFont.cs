namespace LeNet.Synthesis;

/// <summary>A handwriting font the generator can write with, where it comes from, and which split it belongs to.</summary>
/// <param name="Family">The family name, as reports show it.</param>
/// <param name="Package">The package that installs it: <c>fonts-…</c> (Debian) or <c>@fontsource/…</c> (npm).</param>
/// <param name="FileName">The font file's name, found anywhere under the font folders.</param>
/// <param name="Split">Training, validation or test: whole families are split, never glyphs.</param>
public sealed record HandwritingFont(string Family, string Package, string FileName, StyleSplit Split)
{
    /// <summary>Whether the package is Debian's (else npm's).</summary>
    public bool IsDebian => Package.StartsWith("fonts-", StringComparison.Ordinal);
}
