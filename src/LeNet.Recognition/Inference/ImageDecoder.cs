using System.Numerics;
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

    /// <summary>The pixel count an image's header declares, read without decoding; null for an unknown format.</summary>
    public static long? DeclaredPixels(ReadOnlySpan<byte> bytes) => ImageHeader.DeclaredSize(bytes) is { } size ? size.Width * size.Height : null;

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
        // A native stream over one native copy: the codec reads without calling back into .NET.
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(new SKMemoryStream(data), out var result)
            ?? throw new ImageException(source, IsSvg(bytes) ? ImageProblem.UnsupportedFormat : ImageProblem.Undecodable,
                $"not a decodable image ({Describe(bytes, result)}); send PNG, JPEG, BMP, GIF or WebP");
        if (!Supported.Contains(codec.EncodedFormat))
            throw new ImageException(source, ImageProblem.UnsupportedFormat, $"{codec.EncodedFormat} images are not supported; send PNG, JPEG, BMP, GIF or WebP");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if ((long)width * height > limits.MaxPixels)
            throw new ImageException(source, ImageProblem.TooManyPixels,
                $"{width:N0} × {height:N0} pixels exceeds the limit of {limits.MaxPixels:N0} pixels");

        // JPEG and WebP decode directly at 1/2, 1/4 or 1/8 scale: a 64-megapixel photo never needs 256 MB.
        var scale = Math.Min(1f, (float)limits.WorkingSide / Math.Max(width, height));
        var size = codec.GetScaledDimensions(scale);
        // Grey images (most scans, many photos of paper) decode straight to one byte a pixel: no colour conversion there and back.
        var grey8 = codec.Info.ColorType == SKColorType.Gray8;
        using var bitmap = new SKBitmap(grey8
            ? new SKImageInfo(size.Width, size.Height, SKColorType.Gray8, SKAlphaType.Opaque)
            : new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var decoded = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (decoded == SKCodecResult.IncompleteInput || decoded == SKCodecResult.ErrorInInput)
            throw new ImageException(source, ImageProblem.Truncated, $"the {codec.EncodedFormat} data is truncated or damaged");
        if (decoded != SKCodecResult.Success)
            throw new ImageException(source, ImageProblem.Undecodable, $"the {codec.EncodedFormat} image could not be decoded ({decoded})");

        // Reduced to the working size while converting, so a full-size grey copy (256 MB for 64 megapixels) is never
        // made; the result equals converting, orienting, then ImageOps.ResizeArea (orientation and a uniform scale commute).
        var side = Math.Max(bitmap.Width, bitmap.Height);
        var grey = side > limits.WorkingSide ? ToGreyReduced(bitmap, limits.WorkingSide / (float)side) : ToGrey(bitmap);
        return Orientation.Apply(grey, codec.EncodedOrigin);
    }

    /// <summary>Luminance area-averaged to <paramref name="scale"/> (<see cref="ImageOps.ResizeArea"/>), converting one source row at a time.</summary>
    private static GrayImage ToGreyReduced(SKBitmap bitmap, float scale)
    {
        var (width, bytesPerPixel) = (bitmap.Width, bitmap.BytesPerPixel);
        var row = new float[width];
        return ImageOps.AreaAverage(width, bitmap.Height, ImageOps.ScaledSize(width, scale), ImageOps.ScaledSize(bitmap.Height, scale), y =>
        {
            GreyRow(bitmap.GetPixelSpan().Slice(bytesPerPixel * y * width, bytesPerPixel * width), bytesPerPixel, row);
            return row;
        });
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
        var pixels = new float[bitmap.Width * bitmap.Height];
        GreyRow(bitmap.GetPixelSpan(), bitmap.BytesPerPixel, pixels);
        return new GrayImage(bitmap.Width, bitmap.Height, pixels);
    }

    /// <summary>Luminance of one row of RGBA (composited over white) or grey (one byte a pixel) pixels.</summary>
    private static void GreyRow(ReadOnlySpan<byte> pixels, int bytesPerPixel, Span<float> grey)
    {
        if (bytesPerPixel == 1)
        {
            GreyBytes(pixels[..grey.Length], grey);
            return;
        }
        for (var i = 0; i < grey.Length; i++)
        {
            var alpha = pixels[4 * i + 3] / 255f;
            var luminance = (0.299f * pixels[4 * i] + 0.587f * pixels[4 * i + 1] + 0.114f * pixels[4 * i + 2]) / 255f;
            grey[i] = luminance * alpha + (1 - alpha);
        }
    }

    /// <summary><paramref name="grey"/> = <paramref name="pixels"/> / 255, a vector of bytes at a time.</summary>
    private static void GreyBytes(ReadOnlySpan<byte> pixels, Span<float> grey)
    {
        var (full, lanes, i) = (new Vector<float>(255f), Vector<uint>.Count, 0);
        for (; i <= pixels.Length - Vector<byte>.Count; i += Vector<byte>.Count)
        {
            Vector.Widen(new Vector<byte>(pixels[i..]), out var low, out var high);
            Vector.Widen(low, out var first, out var second);
            Vector.Widen(high, out var third, out var fourth);
            (Vector.ConvertToSingle(first) / full).CopyTo(grey[i..]);
            (Vector.ConvertToSingle(second) / full).CopyTo(grey[(i + lanes)..]);
            (Vector.ConvertToSingle(third) / full).CopyTo(grey[(i + 2 * lanes)..]);
            (Vector.ConvertToSingle(fourth) / full).CopyTo(grey[(i + 3 * lanes)..]);
        }
        for (; i < pixels.Length; i++)
            grey[i] = pixels[i] / 255f;
    }

    private static string Head(ReadOnlySpan<byte> bytes) =>
        System.Text.Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 256)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');

    /// <summary>An SVG drawing: an image format, just not one decoded here (so "unsupported", not "damaged").</summary>
    private static bool IsSvg(ReadOnlySpan<byte> bytes)
    {
        var head = Head(bytes);
        return head.StartsWith("<svg", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) && head.Contains("<svg", StringComparison.OrdinalIgnoreCase);
    }

    private static string Describe(ReadOnlySpan<byte> bytes, SKCodecResult result)
    {
        var head = Head(bytes);
        if (IsSvg(bytes))
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
