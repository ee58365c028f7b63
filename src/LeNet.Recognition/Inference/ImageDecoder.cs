using LeNet.IO;
using SkiaSharp;

namespace LeNet.Inference;

/// <summary>
/// Decodes PNG, JPEG, BMP, GIF (first frame) and WebP into a grey image, upright per EXIF orientation, with the
/// declared size checked before decoding and large photos decoded at reduced scale.
/// </summary>
public static class ImageDecoder
{
    private static readonly HashSet<SKEncodedImageFormat> Supported =
        [SKEncodedImageFormat.Png, SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Bmp, SKEncodedImageFormat.Gif, SKEncodedImageFormat.Webp];

    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="source"/> names the input in messages.</summary>
    /// <exception cref="ImageException">The data is not a supported image or exceeds the limits.</exception>
    public static GrayImage Decode(ReadOnlySpan<byte> bytes, string source, ImageLimits? limits = null)
    {
        limits ??= ImageLimits.Default;
        if (bytes.IsEmpty)
            throw new ImageException(source, ImageProblem.Undecodable, "the file is empty");
        if (bytes.Length > limits.MaxBytes)
            throw new ImageException(source, ImageProblem.TooLarge, $"{bytes.Length:N0} bytes exceeds the {limits.MaxBytes:N0}-byte limit");
        if (ImageHeader.DeclaredSize(bytes) is { } declared && declared.Width * declared.Height > limits.MaxPixels)
            throw new ImageException(source, ImageProblem.TooManyPixels,
                $"{declared.Width:N0} × {declared.Height:N0} pixels exceeds the limit of {limits.MaxPixels:N0} pixels");
        var stream = new MemoryStream(bytes.ToArray(), writable: false);
        using var codec = SKCodec.Create(stream, out var result)
            ?? throw new ImageException(source, ImageProblem.Undecodable, $"not a decodable image ({Describe(bytes, result)}); send PNG, JPEG, BMP, GIF or WebP");
        if (!Supported.Contains(codec.EncodedFormat))
            throw new ImageException(source, ImageProblem.UnsupportedFormat, $"{codec.EncodedFormat} images are not supported; send PNG, JPEG, BMP, GIF or WebP");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if ((long)width * height > limits.MaxPixels)
            throw new ImageException(source, ImageProblem.TooManyPixels,
                $"{width:N0} × {height:N0} pixels exceeds the limit of {limits.MaxPixels:N0} pixels");

        // JPEG and WebP decode directly at 1/2, 1/4 or 1/8 scale: a 64-megapixel photo never needs 256 MB.
        var scale = Math.Min(1f, (float)limits.WorkingSide / Math.Max(width, height));
        var size = codec.GetScaledDimensions(scale);
        using var bitmap = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var decoded = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (decoded == SKCodecResult.IncompleteInput || decoded == SKCodecResult.ErrorInInput)
            throw new ImageException(source, ImageProblem.Truncated, $"the {codec.EncodedFormat} data is truncated or damaged");
        if (decoded != SKCodecResult.Success)
            throw new ImageException(source, ImageProblem.Undecodable, $"the {codec.EncodedFormat} image could not be decoded ({decoded})");

        var grey = ToGrey(bitmap);
        grey = Orientation.Apply(grey, codec.EncodedOrigin);
        return Math.Max(grey.Width, grey.Height) > limits.WorkingSide
            ? ImageOps.ResizeArea(grey, limits.WorkingSide / (float)Math.Max(grey.Width, grey.Height))
            : grey;
    }

    /// <summary>Reads and decodes a file.</summary>
    /// <exception cref="ImageException">The file is missing, too large or not a supported image.</exception>
    public static GrayImage DecodeFile(string path, ImageLimits? limits = null)
    {
        limits ??= ImageLimits.Default;
        byte[] bytes;
        try
        {
            bytes = BoundedFile.Read(path, limits.MaxBytes, "image");
        }
        catch (FileReadException e)
        {
            throw new ImageException(path, e.Problem == FileProblem.TooLarge ? ImageProblem.TooLarge : ImageProblem.Undecodable, e.Detail);
        }
        return Decode(bytes, path, limits);
    }

    /// <summary>Luminance (Rec. 601) of each pixel, composited over white so transparent areas read as paper.</summary>
    private static GrayImage ToGrey(SKBitmap bitmap)
    {
        var rgba = bitmap.GetPixelSpan();
        var pixels = new float[bitmap.Width * bitmap.Height];
        for (var i = 0; i < pixels.Length; i++)
        {
            var alpha = rgba[4 * i + 3] / 255f;
            var luminance = (0.299f * rgba[4 * i] + 0.587f * rgba[4 * i + 1] + 0.114f * rgba[4 * i + 2]) / 255f;
            pixels[i] = luminance * alpha + (1 - alpha);
        }
        return new GrayImage(bitmap.Width, bitmap.Height, pixels);
    }

    private static string Describe(ReadOnlySpan<byte> bytes, SKCodecResult result)
    {
        var head = System.Text.Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 256)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (head.StartsWith("<svg", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) && head.Contains("<svg", StringComparison.OrdinalIgnoreCase))
            return "it is an SVG drawing, which is not decoded";
        if (head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
            return "it is an HTML page";
        if (bytes.Length >= 8 && bytes[..8].SequenceEqual(ImageHeader.PngSignature))
            return "a PNG signature followed by a damaged header";
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
            return "a JPEG signature followed by damaged data";
        return result == SKCodecResult.IncompleteInput ? "the data is too short" : "unknown format";
    }
}
