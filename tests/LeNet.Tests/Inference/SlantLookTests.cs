using LeNet.Inference;
using LeNet.Synthesis;
using LeNet.Tests.Support;

namespace LeNet.Tests.Inference;

/// <summary>An unsure line is read again leaning either way, and the reading that explains its ink best is kept.</summary>
public sealed class SlantLookTests
{
    [Fact]
    public void Photos_misread_at_the_estimated_slant_are_read_right_leaning_again_and_none_read_right_is_lost()
    {
        // A validation font, 30 photos of one line: read once, two of Architects Daughter's 577 are read 517 and 1577,
        // each with a symbol under 50 %; leaning either way by 0.1 column per row, both read 577.
        const string text = "577";
        const int mended = 2;
        var hand = HeldOutStyles.InstalledFonts().Hands(StyleSplit.Validation).Single(f => f.Name == "Architects Daughter");
        var photos = LinePhotos.Create(_ => hand, LineKind.Digits, count: 30, seed: 5, threads: 1, text: text);

        var once = Read(photos, LineOptions.Default with { SlantLook = 0 });
        var looking = Read(photos, LineOptions.Default);

        Assert.Equal(once.Count(t => t == text) + mended, looking.Count(t => t == text));
        Assert.All(Enumerable.Range(0, once.Count).Where(i => once[i] == text), i => Assert.Equal(text, looking[i]));
    }

    private static List<string> Read(IEnumerable<LinePhoto> photos, LineOptions options)
    {
        using var reader = DigitRecognizer.LoadBundled(RecognizerOptions.Default with { Threads = 1, Lines = options });
        return [.. photos.Select(p => reader.ReadLine(p.Photo).Text)];
    }
}
