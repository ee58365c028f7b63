using LeNet.Inference;
using LeNet.Models;
using LeNet.Synthesis;

namespace LeNet.Tests.Support;

/// <summary>
/// The bundled readers, and the generator's test writers and fonts — never used in training or tuning — installed by
/// ./test (Debian's font packages and fonts/package.json).
/// </summary>
public sealed class HeldOutStyles : IDisposable
{
    public HeldOutStyles()
    {
        var library = InstalledFonts();
        var missing = library.Missing(StyleSplit.Test);
        Assert.True(missing.Count == 0, $"test fonts missing: {string.Join(", ", missing.Select(f => $"{f.Family} ({f.Package})"))}; ./test installs them");
        Fonts = library.Hands(StyleSplit.Test);
        Pens = Writers.Hands(StyleSplit.Test, 200);
        Digits = DigitRecognizer.LoadBundled(RecognizerOptions.Default with { Threads = 1 });
        Math = DigitRecognizer.LoadBundled(RecognizerOptions.Default with { Threads = 1 }, model: BundledModel.Math);
    }

    /// <summary>The handwriting fonts of every split that ./test installs: Debian's packages and fonts/package.json.</summary>
    public static FontLibrary InstalledFonts() =>
        FontLibrary.Scan(["/usr/share/fonts", Path.Combine(Samples.RepositoryRoot(), "fonts", "node_modules")]);

    public IReadOnlyList<FontHand> Fonts { get; }

    public IReadOnlyList<PenHand> Pens { get; }

    public DigitRecognizer Digits { get; }

    public DigitRecognizer Math { get; }

    public void Dispose()
    {
        Digits.Dispose();
        Math.Dispose();
    }
}
