namespace LeNet.Inference;

/// <summary>Ink found in an image: bright strokes on a black background, and the blobs that make it up.</summary>
/// <param name="Ink">Ink strength in [0, 1] (0 = background), same size as the input.</param>
/// <param name="Blobs">Connected ink components kept after removing specks and page borders.</param>
/// <param name="Labels">Component label of every pixel of the ink mask (0 = background), matching <see cref="Component.Label"/>.</param>
/// <param name="Inverted">Whether the input had dark ink on light paper.</param>
public sealed record InkImage(GrayImage Ink, IReadOnlyList<Component> Blobs, int[] Labels, bool Inverted)
{
    /// <summary>The box around all kept ink, or null when the image holds none.</summary>
    public PixelBox? Bounds => Blobs.Count == 0 ? null : Blobs.Select(b => b.Box).Aggregate((a, b) => a.Union(b));
}

/// <summary>
/// Separates handwriting from paper in a photo or scan: polarity, uneven lighting, contrast, threshold, and the
/// removal of specks and page borders. Works on any size; tuned for a working size of up to ~1,000 pixels.
/// </summary>
public static class InkExtractor
{
    /// <summary>Ink weaker than this fraction of full contrast is paper texture or noise, not writing.</summary>
    private const float MinimumContrast = 0.12f;
    /// <summary>Images smaller than this (pixels, longer side) are not flattened.</summary>
    private const int MinimumSideForFlattening = 100;
    /// <summary>A blob smaller than this fraction of the largest blob's area is a speck.</summary>
    private const double SpeckFraction = 0.03;
    /// <summary>A blob touching the edge and spanning this fraction of the image is a page border or shadow.</summary>
    private const double BorderSpan = 0.85;

    /// <summary>
    /// Finds the ink in <paramref name="image"/>, recording stages into <paramref name="steps"/> when given. With
    /// <paramref name="keepDots"/>, marks as big as a pen's dot survive even beside much larger writing (the dots of
    /// ÷ and ·, which the one-character rule of 3 % of the largest blob would drop from a line).
    /// </summary>
    public static InkImage Extract(GrayImage image, PreprocessingSteps? steps = null, bool keepDots = false)
    {
        steps?.Add("input", image);
        // Most of a picture of handwriting is paper: the median tells the paper's brightness.
        var inverted = ImageOps.Percentile(image, 0.5) > 0.5f;
        var ink = inverted ? Invert(image) : image.Clone();
        steps?.Add(inverted ? "inverted" : "ink already bright", ink);

        // A tiny image (an MNIST digit, a thumbnail) has no lighting to flatten, and its strokes are as wide as any
        // window that could tell them from paper.
        if (Math.Max(image.Width, image.Height) >= MinimumSideForFlattening)
        {
            ink = RemoveBackground(ink);
            steps?.Add("lighting flattened", ink);
        }

        // Stretch so that solid ink is 1: the level of the strongest 2 % of pixels defines "solid".
        var inkLevel = ImageOps.Percentile(ink, 0.98);
        var strongest = Max(ink.Pixels);
        if (strongest < MinimumContrast)
            return new InkImage(GrayImage.Blank(image.Width, image.Height), [], new int[image.Pixels.Length], inverted);
        var level = Math.Max(inkLevel, strongest * 0.5f);
        for (var i = 0; i < ink.Pixels.Length; i++)
            ink.Pixels[i] = Math.Min(1f, ink.Pixels[i] / level);
        steps?.Add("contrast stretched", ink);

        var smooth = ImageOps.BoxBlur(ink, 1); // a 3×3 mean keeps single noisy pixels out of the mask
        var threshold = Math.Max(ImageOps.OtsuThreshold(smooth), 0.3f);
        var mask = new bool[smooth.Pixels.Length];
        for (var i = 0; i < mask.Length; i++)
            mask[i] = smooth.Pixels[i] > threshold;
        var (blobs, labels) = Components.Find(mask, ink.Width, ink.Height, ink);
        var kept = KeepWriting(blobs, ink.Width, ink.Height, keepDots ? PenDotArea(mask, ink.Width, ink.Height) : double.MaxValue);
        var cleaned = KeepOnly(ink, labels, kept, threshold * 0.5f);
        steps?.Add("ink, specks removed", cleaned);
        return new InkImage(cleaned, kept, labels, inverted);
    }

    /// <summary>
    /// The blobs of ink that has already been extracted and then transformed (deslanted, say): the connected marks of
    /// at least half strength, less the crumbs that resampling breaks off strokes (by the same rule as specks).
    /// </summary>
    public static InkImage Relabel(GrayImage ink, bool inverted)
    {
        var mask = new bool[ink.Pixels.Length];
        for (var i = 0; i < mask.Length; i++)
            mask[i] = ink.Pixels[i] >= 0.5f;
        var (blobs, labels) = Components.Find(mask, ink.Width, ink.Height, ink);
        return new InkImage(ink, KeepWriting(blobs, ink.Width, ink.Height, PenDotArea(mask, ink.Width, ink.Height)), labels, inverted);
    }

    private static GrayImage Invert(GrayImage image)
    {
        var result = GrayImage.Blank(image.Width, image.Height);
        for (var i = 0; i < result.Pixels.Length; i++)
            result.Pixels[i] = 1 - image.Pixels[i];
        return result;
    }

    /// <summary>
    /// Estimates the (dark) background by a grey-level opening wide enough to erase strokes, at reduced scale, and
    /// subtracts it: shadows and lighting gradients become flat black.
    /// </summary>
    private static GrayImage RemoveBackground(GrayImage ink)
    {
        var scale = Math.Min(1f, 128f / Math.Max(ink.Width, ink.Height));
        var small = ImageOps.ResizeArea(ink, scale);
        var radius = Math.Max(2, Math.Max(small.Width, small.Height) / 10);
        var background = ImageOps.Extremum(ImageOps.Extremum(small, radius, max: false), radius, max: true);
        background = ImageOps.BoxBlur(background, radius);
        var full = ImageOps.Resize(background, ink.Width, ink.Height);
        var result = GrayImage.Blank(ink.Width, ink.Height);
        for (var i = 0; i < result.Pixels.Length; i++)
            result.Pixels[i] = Math.Max(0, ink.Pixels[i] - full.Pixels[i]);
        return result;
    }

    private static List<Component> KeepWriting(List<Component> blobs, int width, int height, double dotArea)
    {
        var writing = blobs.Where(b => !IsPageBorder(b, width, height)).ToList();
        if (writing.Count == 0)
            return writing;
        var largest = writing.Max(b => b.Area);
        return writing.Where(b => b.Area >= Math.Max(3, Math.Min(largest * SpeckFraction, dotArea))).ToList();
    }

    /// <summary>
    /// Half the area of a dot made by the pen that wrote the mask: the stroke width is 2 × area / boundary length
    /// (a stroke of width w and length L has area wL and a boundary of about 2L), and a dot is about w × w.
    /// </summary>
    private static double PenDotArea(bool[] mask, int width, int height)
    {
        int area = 0, boundary = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (!mask[y * width + x])
                    continue;
                area++;
                if (x == 0 || y == 0 || x == width - 1 || y == height - 1 || !mask[y * width + x - 1] || !mask[y * width + x + 1]
                    || !mask[(y - 1) * width + x] || !mask[(y + 1) * width + x])
                    boundary++;
            }
        }
        var stroke = boundary == 0 ? 1 : 2.0 * area / boundary;
        return 0.5 * stroke * stroke;
    }

    private static bool IsPageBorder(Component blob, int width, int height)
    {
        var box = blob.Box;
        var touches = box.Left == 0 || box.Top == 0 || box.Right == width || box.Bottom == height;
        return touches && (box.Width >= width * BorderSpan || box.Height >= height * BorderSpan);
    }

    /// <summary>The ink of the kept blobs, grown by one pixel to keep their soft anti-aliased edges above <paramref name="floor"/>.</summary>
    private static GrayImage KeepOnly(GrayImage ink, int[] labels, List<Component> kept, float floor)
    {
        var keepLabel = new bool[labels.Length == 0 ? 1 : labels.Max() + 1];
        foreach (var blob in kept)
            keepLabel[blob.Label] = true;
        var (width, height) = (ink.Width, ink.Height);
        var result = GrayImage.Blank(width, height);
        foreach (var blob in kept)
        {
            var area = blob.Box.Inflate(1, width, height);
            for (var y = area.Top; y < area.Bottom; y++)
            {
                for (var x = area.Left; x < area.Right; x++)
                {
                    var v = ink[x, y];
                    if (v >= floor && result[x, y] == 0 && NearKept(labels, keepLabel, x, y, width, height))
                        result[x, y] = v;
                }
            }
        }
        return result;
    }

    private static bool NearKept(int[] labels, bool[] keepLabel, int x, int y, int width, int height)
    {
        for (var ny = Math.Max(0, y - 1); ny <= Math.Min(height - 1, y + 1); ny++)
            for (var nx = Math.Max(0, x - 1); nx <= Math.Min(width - 1, x + 1); nx++)
                if (keepLabel[labels[ny * width + nx]])
                    return true;
        return false;
    }

    private static float Max(float[] values)
    {
        var max = 0f;
        foreach (var v in values)
            max = Math.Max(max, v);
        return max;
    }
}
