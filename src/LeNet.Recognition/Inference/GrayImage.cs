namespace LeNet.Inference;

/// <summary>A single-channel float image, row-major, values in [0, 1]. The unit every preprocessing step works on.</summary>
public sealed class GrayImage
{
    /// <summary>Wraps <paramref name="pixels"/> (not copied).</summary>
    public GrayImage(int width, int height, float[] pixels)
    {
        if (width <= 0 || height <= 0 || pixels.Length != width * height)
            throw new ArgumentException($"pixels must hold width × height = {width} × {height} values", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The values, row-major.</summary>
    public float[] Pixels { get; }

    /// <summary>The value at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public float this[int x, int y]
    {
        get => Pixels[y * Width + x];
        set => Pixels[y * Width + x] = value;
    }

    /// <summary>A blank image.</summary>
    public static GrayImage Blank(int width, int height, float value = 0)
    {
        var pixels = new float[width * height];
        if (value != 0)
            Array.Fill(pixels, value);
        return new GrayImage(width, height, pixels);
    }

    /// <summary>From bytes 0–255 (e.g. an MNIST image).</summary>
    public static GrayImage FromBytes(int width, int height, ReadOnlySpan<byte> bytes)
    {
        var pixels = new float[width * height];
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = bytes[i] / 255f;
        return new GrayImage(width, height, pixels);
    }

    /// <summary>A deep copy.</summary>
    public GrayImage Clone() => new(Width, Height, (float[])Pixels.Clone());

    /// <summary>The values as bytes 0–255, rounded and clamped.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Pixels.Length];
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)Math.Clamp(MathF.Round(Pixels[i] * 255f), 0, 255);
        return bytes;
    }

    /// <summary>The rectangle <paramref name="area"/> as a new image.</summary>
    public GrayImage Crop(PixelBox area)
    {
        var result = new float[area.Width * area.Height];
        for (var y = 0; y < area.Height; y++)
            Array.Copy(Pixels, (area.Top + y) * Width + area.Left, result, y * area.Width, area.Width);
        return new GrayImage(area.Width, area.Height, result);
    }
}

/// <summary>An axis-aligned rectangle of pixels: <see cref="Left"/> and <see cref="Top"/> inclusive.</summary>
public readonly record struct PixelBox(int Left, int Top, int Width, int Height)
{
    /// <summary>One past the last column.</summary>
    public int Right => Left + Width;

    /// <summary>One past the last row.</summary>
    public int Bottom => Top + Height;

    /// <summary>The smallest box holding both.</summary>
    public PixelBox Union(PixelBox other)
    {
        int left = Math.Min(Left, other.Left), top = Math.Min(Top, other.Top);
        return new PixelBox(left, top, Math.Max(Right, other.Right) - left, Math.Max(Bottom, other.Bottom) - top);
    }

    /// <summary>How many columns this box shares with <paramref name="other"/>; negative: the gap between them.</summary>
    public int ColumnOverlap(PixelBox other) => Math.Min(Right, other.Right) - Math.Max(Left, other.Left);

    /// <summary>How many rows this box shares with <paramref name="other"/>; negative: the gap between them.</summary>
    public int RowOverlap(PixelBox other) => Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top);

    /// <summary>This box grown by <paramref name="margin"/> on every side, clipped to a width × height image.</summary>
    public PixelBox Inflate(int margin, int width, int height)
    {
        int left = Math.Max(0, Left - margin), top = Math.Max(0, Top - margin);
        return new PixelBox(left, top, Math.Min(width, Right + margin) - left, Math.Min(height, Bottom + margin) - top);
    }
}
