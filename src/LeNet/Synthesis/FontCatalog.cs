namespace LeNet.Synthesis;

/// <summary>
/// The handwriting fonts the generator knows: Debian font packages and npm's <c>@fontsource</c> families (their
/// <c>latin-400-normal.woff</c> files), each assigned to one split. The split was fixed before any model was trained on
/// them: test families are spread over both sources and over neat, casual, cursive and marker hands, and related
/// families (Caveat and Caveat Brush) share a split.
/// </summary>
public static class FontCatalog
{
    private static HandwritingFont Debian(string family, string package, string file, StyleSplit split) => new(family, package, file, split);

    private static HandwritingFont Npm(string package, StyleSplit split, string? family = null) =>
        new(family ?? string.Join(' ', package.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])), $"@fontsource/{package}", $"{package}-latin-400-normal.woff", split);

    /// <summary>Every font, training families first.</summary>
    public static IReadOnlyList<HandwritingFont> All { get; } =
    [
        Debian("Because We Connect", "fonts-bwht", "BecauseWeConnect-Regular.otf", StyleSplit.Train),
        Debian("Because We Create", "fonts-bwht", "BecauseWeCreate-Regular.otf", StyleSplit.Train),
        Debian("Because We Organize", "fonts-bwht", "BecauseWeOrganize-Regular.otf", StyleSplit.Train),
        Debian("Comic Neue", "fonts-comic-neue", "ComicNeue-Regular.otf", StyleSplit.Train),
        Debian("Comic Neue Bold Italic", "fonts-comic-neue", "ComicNeue-BoldItalic.otf", StyleSplit.Train),
        Debian("Breip", "fonts-breip", "Breip.ttf", StyleSplit.Train),
        Debian("DkgHandwriting", "fonts-dkg-handwriting", "dkg.ttf", StyleSplit.Train),
        Debian("DkgHandwriting Bold Oblique", "fonts-dkg-handwriting", "dkgBI.ttf", StyleSplit.Train),
        Debian("Steve", "fonts-sjfonts", "SteveHand.ttf", StyleSplit.Train),
        Npm("indie-flower", StyleSplit.Train),
        Npm("shadows-into-light", StyleSplit.Train),
        Npm("gloria-hallelujah", StyleSplit.Train),
        Npm("homemade-apple", StyleSplit.Train),
        Npm("nanum-pen-script", StyleSplit.Train),
        Npm("nanum-brush-script", StyleSplit.Train),
        Npm("rock-salt", StyleSplit.Train),
        Npm("covered-by-your-grace", StyleSplit.Train),
        Npm("handlee", StyleSplit.Train),
        Npm("coming-soon", StyleSplit.Train),
        Npm("waiting-for-the-sunrise", StyleSplit.Train),
        Npm("sue-ellen-francisco", StyleSplit.Train),
        Npm("dawning-of-a-new-day", StyleSplit.Train),
        Npm("cedarville-cursive", StyleSplit.Train),
        Npm("satisfy", StyleSplit.Train),
        Npm("permanent-marker", StyleSplit.Train),
        Npm("delius", StyleSplit.Train),
        Npm("neucha", StyleSplit.Train),
        Npm("short-stack", StyleSplit.Train),
        Npm("itim", StyleSplit.Train),
        Npm("sriracha", StyleSplit.Train),
        Npm("kristi", StyleSplit.Train),
        Npm("annie-use-your-telescope", StyleSplit.Train),
        Npm("give-you-glory", StyleSplit.Train),
        Npm("crafty-girls", StyleSplit.Train),
        Npm("swanky-and-moo-moo", StyleSplit.Train),
        Npm("the-girl-next-door", StyleSplit.Train),
        Npm("rancho", StyleSplit.Train),
        Npm("just-me-again-down-here", StyleSplit.Train),
        Npm("marck-script", StyleSplit.Train),
        Npm("mansalva", StyleSplit.Train),
        Npm("gamja-flower", StyleSplit.Train),
        Npm("hi-melody", StyleSplit.Train),
        Npm("poor-story", StyleSplit.Train),

        Debian("Because We Mentor", "fonts-bwht", "BecauseWeMentor-Regular.otf", StyleSplit.Validation),
        Debian("Klee One", "fonts-klee", "KleeOne-Regular.ttf", StyleSplit.Validation),
        Npm("architects-daughter", StyleSplit.Validation),
        Npm("schoolbell", StyleSplit.Validation),
        Npm("zeyada", StyleSplit.Validation),
        Npm("kalam", StyleSplit.Validation),
        Npm("just-another-hand", StyleSplit.Validation),
        Npm("la-belle-aurore", StyleSplit.Validation),
        Npm("gaegu", StyleSplit.Validation),
        Npm("pangolin", StyleSplit.Validation),

        Debian("Because We Build", "fonts-bwht", "BecauseWeBuild-Regular.otf", StyleSplit.Test),
        Debian("Because We Learn", "fonts-bwht", "BecauseWeLearn-Regular.otf", StyleSplit.Test),
        Debian("Humor Sans", "fonts-humor-sans", "Humor-Sans.ttf", StyleSplit.Test),
        Debian("Yusei Magic", "fonts-yusei-magic", "YuseiMagic-Regular.ttf", StyleSplit.Test),
        Debian("Delphine", "fonts-sjfonts", "Delphine.ttf", StyleSplit.Test),
        Npm("caveat", StyleSplit.Test),
        Npm("caveat-brush", StyleSplit.Test),
        Npm("patrick-hand", StyleSplit.Test),
        Npm("gochi-hand", StyleSplit.Test),
        Npm("reenie-beanie", StyleSplit.Test),
        Npm("nothing-you-could-do", StyleSplit.Test),
        Npm("mali", StyleSplit.Test),
        Npm("loved-by-the-king", StyleSplit.Test),
        Npm("over-the-rainbow", StyleSplit.Test),
        Npm("yellowtail", StyleSplit.Test),
        Npm("east-sea-dokdo", StyleSplit.Test),
        Npm("walter-turncoat", StyleSplit.Test),
    ];

    /// <summary>The fonts of <paramref name="split"/>.</summary>
    public static IEnumerable<HandwritingFont> Of(StyleSplit split) => All.Where(f => f.Split == split);

    /// <summary>The Debian packages that hold the catalogue's fonts.</summary>
    public static IEnumerable<string> DebianPackages => All.Where(f => f.IsDebian).Select(f => f.Package).Distinct();

    /// <summary>The npm packages that hold the catalogue's fonts.</summary>
    public static IEnumerable<string> NpmPackages => All.Where(f => !f.IsDebian).Select(f => f.Package).Distinct();
}
