namespace LeNet.Inference;

/// <summary>Why an input image was refused.</summary>
public enum ImageProblem
{
    /// <summary>Not an image this system decodes (empty, text, SVG, damaged header).</summary>
    Undecodable,

    /// <summary>A recognisable image format that is not supported.</summary>
    UnsupportedFormat,

    /// <summary>The header declares more pixels than <see cref="ImageLimits.MaxPixels"/>.</summary>
    TooManyPixels,

    /// <summary>The encoded data is larger than <see cref="ImageLimits.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>The data ends before the image does.</summary>
    Truncated,
}

/// <summary>An input image was refused; the message names the source and the reason.</summary>
public sealed class ImageException(string source, ImageProblem problem, string detail)
    : LeNetException($"{source}: {detail}")
{
    /// <summary>The file name or other label of the input.</summary>
    public string Input { get; } = source;

    /// <summary>The kind of problem, for mapping onto status codes.</summary>
    public ImageProblem Problem { get; } = problem;
}
