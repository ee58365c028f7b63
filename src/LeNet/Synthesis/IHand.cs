namespace LeNet.Synthesis;

/// <summary>Something that writes characters: an imagined writer's pen, or a handwriting font.</summary>
public interface IHand
{
    /// <summary>A name for reports, e.g. <c>pen writer 17</c> or the font's family.</summary>
    string Name { get; }

    /// <summary>Whether this hand can write <paramref name="label"/> (a font may lack ÷, say).</summary>
    bool CanWrite(string label);

    /// <summary>Writes <paramref name="label"/> with a digit <paramref name="height"/> pixels tall.</summary>
    InkGlyph Write(string label, double height, Random random);
}

/// <summary>One written character: its ink (bright on black), cropped to the ink.</summary>
/// <param name="Ink">The ink, values in [0, 1].</param>
/// <param name="CellTop">Where the top of a digit would be, in the ink image's rows (operators sit lower, brackets higher).</param>
/// <param name="CellHeight">A digit's height in pixels: the line's height for this character.</param>
/// <param name="Variant">Which way it was written, e.g. <c>7 crossed</c> or the font's name.</param>
public sealed record InkGlyph(Inference.GrayImage Ink, double CellTop, double CellHeight, string Variant);
