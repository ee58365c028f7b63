using SkiaSharp;

namespace LeNet.Inference;

/// <summary>Turns a decoded image upright according to its EXIF orientation (how phones store portrait photos).</summary>
internal static class Orientation
{
    public static GrayImage Apply(GrayImage image, SKEncodedOrigin origin) => origin switch
    {
        SKEncodedOrigin.TopRight => Map(image, image.Width, image.Height, (x, y) => (image.Width - 1 - x, y)),
        SKEncodedOrigin.BottomRight => Map(image, image.Width, image.Height, (x, y) => (image.Width - 1 - x, image.Height - 1 - y)),
        SKEncodedOrigin.BottomLeft => Map(image, image.Width, image.Height, (x, y) => (x, image.Height - 1 - y)),
        SKEncodedOrigin.LeftTop => Map(image, image.Height, image.Width, (x, y) => (y, x)),
        SKEncodedOrigin.RightTop => Map(image, image.Height, image.Width, (x, y) => (y, image.Height - 1 - x)),
        SKEncodedOrigin.RightBottom => Map(image, image.Height, image.Width, (x, y) => (image.Width - 1 - y, image.Height - 1 - x)),
        SKEncodedOrigin.LeftBottom => Map(image, image.Height, image.Width, (x, y) => (image.Width - 1 - y, x)),
        _ => image,
    };

    /// <summary>Builds a width × height image whose pixel (x, y) is the source pixel <paramref name="source"/>(x, y).</summary>
    private static GrayImage Map(GrayImage image, int width, int height, Func<int, int, (int X, int Y)> source)
    {
        var result = GrayImage.Blank(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (sx, sy) = source(x, y);
                result[x, y] = image[sx, sy];
            }
        }
        return result;
    }
}
