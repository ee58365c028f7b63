using LeNet.Inference;

namespace LeNet.Tests.Support;

/// <summary>
/// A writer with a habit no model was trained on: a printed letter written where a digit is meant (say an 'L' for
/// every 4). Teaching a model such a habit from a few examples shows adaptation at work, with nothing left to chance.
/// </summary>
internal static class LetterWriter
{
    /// <summary><paramref name="count"/> renderings of <paramref name="letter"/>, each a little different (size, slant, position).</summary>
    public static List<GrayImage> Write(char letter, int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Upscaled(FontDigits.Render(letter, "DejaVu Sans", random)))];
    }

    /// <summary>A folder in the image-folder convention: <c>root/LABEL/NN.png</c> for each of <paramref name="images"/>.</summary>
    public static void Save(string root, string label, IEnumerable<GrayImage> images)
    {
        var folder = Path.Combine(root, label);
        Directory.CreateDirectory(folder);
        var i = 0;
        foreach (var image in images)
            File.WriteAllBytes(Path.Combine(folder, $"{i++:D3}.png"), LeNet.Reporting.Png.Encode(image));
    }

    private static GrayImage Upscaled(GrayImage field) => ImageOps.Resize(field, 84, 84);
}
