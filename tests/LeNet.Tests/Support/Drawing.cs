using LeNet.Inference;

namespace LeNet.Tests.Support;

/// <summary>Marks drawn on test images.</summary>
internal static class Drawing
{
    /// <summary>Sets every pixel of <paramref name="area"/> to <paramref name="value"/>: 0 is dark ink on white paper, 1 white ink on black.</summary>
    public static void Fill(this GrayImage image, PixelBox area, float value)
    {
        for (var y = area.Top; y < area.Bottom; y++)
            for (var x = area.Left; x < area.Right; x++)
                image[x, y] = value;
    }
}
