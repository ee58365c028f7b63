using LeNet.Inference;
using LeNet.IO;
using SkiaSharp;

namespace LeNet.Reporting;

/// <summary>Grey images to and from Skia bitmaps, and PNG output (atomic).</summary>
public static class Png
{
    /// <summary>A Gray8 bitmap of <paramref name="image"/> (the caller disposes it).</summary>
    public static SKBitmap ToBitmap(GrayImage image)
    {
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        image.ToBytes().CopyTo(bitmap.GetPixelSpan());
        return bitmap;
    }

    /// <summary>PNG bytes of <paramref name="image"/>.</summary>
    public static byte[] Encode(GrayImage image)
    {
        using var bitmap = ToBitmap(image);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>PNG bytes of what <paramref name="surface"/> holds.</summary>
    public static byte[] Encode(SKSurface surface)
    {
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Writes the surface as a PNG file, atomically.</summary>
    public static void Save(string path, SKSurface surface) => AtomicFile.WriteBytes(path, Encode(surface));

    /// <summary>Draws <paramref name="image"/> into <paramref name="target"/>, pixelated when enlarged (so pixels stay visible).</summary>
    public static void Draw(SKCanvas canvas, GrayImage image, SKRect target)
    {
        using var bitmap = ToBitmap(image);
        using var skImage = SKImage.FromBitmap(bitmap);
        var sampling = target.Width > image.Width ? new SKSamplingOptions(SKFilterMode.Nearest) : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);
        canvas.DrawImage(skImage, target, sampling);
    }
}
