using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

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
    /// <summary>
    /// Images smaller than this (pixels, longer side) are not flattened: an MNIST digit or a thumbnail. A photo of one
    /// small character (40–100 px) is, since it has a lighting gradient like any photo (once it was not, and a fifth
    /// of the minus signs photographed alone were lost under the brighter half of their paper).
    /// </summary>
    private const int MinimumSideForFlattening = 40;
    /// <summary>A blob smaller than this fraction of the largest blob's area is a speck.</summary>
    private const double SpeckFraction = 0.03;

    /// <summary>
    /// The smallest mark kept beside much larger writing, as a share of the pen's dot (w × w): a dot dabbed lightly
    /// is smaller than the pen is wide. At a half, the lower dot of a colon ÷ written with a marker (about 30 pixels
    /// against a 64-pixel pen dot) was dropped as a speck and the ÷ read as a multiplication dot; on 1,000 validation
    /// sums a half, 0.35, a quarter, 0.15 and 0.1 read 77.4, 79.3, 80.0, 80.1 and 80.1 % exactly, digit lines 87.6 %
    /// at every one. A quarter keeps a dot half as wide as the pen, and specks smaller than that stay out.
    /// </summary>
    private const double DotShare = 0.25;
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
        var (width, height) = (image.Width, image.Height);
        // The one image-sized buffer of the extraction: each stage rewrites it in place, and it becomes the result.
        var ink = new GrayImage(width, height, GC.AllocateUninitializedArray<float>(image.Pixels.Length));
        bool inverted;
        float strongest;
        // A tiny image (an MNIST digit, a thumbnail) has no lighting to flatten, and its strokes are as wide as any
        // window that could tell them from paper.
        if (Math.Max(width, height) >= MinimumSideForFlattening)
        {
            var small = ImageOps.ResizeArea(image, Math.Min(1f, WorkingSide / Math.Max(width, height)));
            inverted = IsDarkOnLight(small);
            if (inverted)
                Polarise(small.Pixels, inverted, small.Pixels);
            RecordPolarity(image, inverted, steps);
            strongest = SubtractBackground(image, inverted, Background(small), ink);
            steps?.Add("lighting flattened", ink);
        }
        else
        {
            inverted = IsDarkOnLight(image);
            Polarise(image.Pixels, inverted, ink.Pixels);
            RecordPolarity(image, inverted, steps);
            strongest = SubtractPaper(ink);
        }

        // Stretch so that solid ink is 1: the level of the strongest 2 % of pixels defines "solid".
        if (strongest < MinimumContrast)
            return new InkImage(GrayImage.Blank(width, height), [], new int[image.Pixels.Length], inverted);
        var inkLevel = ImageOps.Percentile(ink, 0.98);
        Stretch(ink.Pixels, Math.Max(inkLevel, strongest * 0.5f));
        steps?.Add("contrast stretched", ink);
        if (RuledLines.Remove(ink) > 0)
            steps?.Add("rules lifted", ink);

        var (mask, threshold) = Mask(ink);
        var (blobs, labels) = Components.Find(mask, width, height, ink);
        var kept = KeepWriting(blobs, new PixelBox(0, 0, width, height), keepDots ? PenDotArea(mask, width, height) : double.MaxValue);
        var extracted = new InkImage(ink, kept, labels, inverted);
        KeepOnly(extracted, blobs.Count, threshold * 0.5f);
        steps?.Add("ink, specks removed", ink);
        return extracted;
    }

    /// <summary>The longer side at which the background is estimated.</summary>
    private const float WorkingSide = 128;

    /// <summary>Whether the image is dark ink on light paper: most of a picture of handwriting is paper, and the median tells the paper's brightness.</summary>
    private static bool IsDarkOnLight(GrayImage image) => ImageOps.Percentile(image, 0.5) > 0.5f;

    private static void RecordPolarity(GrayImage image, bool inverted, PreprocessingSteps? steps)
    {
        if (steps is null)
            return;
        var polarised = new GrayImage(image.Width, image.Height, new float[image.Pixels.Length]);
        Polarise(image.Pixels, inverted, polarised.Pixels);
        steps.Add(inverted ? "inverted" : "ink already bright", polarised);
    }

    /// <summary>
    /// The pixels that are ink, and the threshold that chose them: Otsu's on a 3×3 mean, which keeps single noisy
    /// pixels out of the mask, and never below 0.3.
    /// </summary>
    private static (bool[] Mask, float Threshold) Mask(GrayImage ink)
    {
        var length = ink.Pixels.Length;
        var smooth = ArrayPool<float>.Shared.Rent(length);
        ImageOps.BoxBlur(ink.Pixels, ink.Width, ink.Height, 1, smooth);
        var values = smooth.AsSpan(0, length);
        var threshold = Math.Max(ImageOps.OtsuThreshold(values), 0.3f);
        var mask = new bool[length];
        Above(values, threshold, MemoryMarshal.Cast<bool, byte>(mask.AsSpan()));
        ArrayPool<float>.Shared.Return(smooth);
        return (mask, threshold);
    }

    /// <summary>
    /// The blobs of ink that has already been extracted and then transformed (deslanted, say): the connected marks of
    /// at least half strength, less the crumbs that resampling breaks off strokes (by the same rule as specks).
    /// <paramref name="page"/>: the box, in <paramref name="ink"/>'s coordinates, of the image whose edges are the
    /// photo's, when <paramref name="ink"/> was cut out of it (see <see cref="Slant.RemoveAroundInk"/>).
    /// </summary>
    public static InkImage Relabel(GrayImage ink, bool inverted, PixelBox? page = null)
    {
        var mask = new bool[ink.Pixels.Length];
        // At least a half: above the largest float below it.
        Above(ink.Pixels, MathF.BitDecrement(0.5f), MemoryMarshal.Cast<bool, byte>(mask.AsSpan()));
        var (blobs, labels) = Components.Find(mask, ink.Width, ink.Height, ink);
        var edges = page ?? new PixelBox(0, 0, ink.Width, ink.Height);
        return new InkImage(ink, KeepWriting(blobs, edges, PenDotArea(mask, ink.Width, ink.Height)), labels, inverted);
    }

    /// <summary>
    /// <paramref name="flags"/>[i] = 1 where <paramref name="values"/>[i] &gt; <paramref name="threshold"/>, else 0 (the
    /// bytes of a bool array): four vectors of comparisons narrowed into one vector of bytes at a time.
    /// </summary>
    internal static void Above(ReadOnlySpan<float> values, float threshold, Span<byte> flags)
    {
        var (limit, lanes, i) = (new Vector<float>(threshold), Vector<float>.Count, 0);
        for (; i <= values.Length - 4 * lanes; i += 4 * lanes)
        {
            var low = Vector.Narrow(Vector.GreaterThan(new Vector<float>(values[i..]), limit), Vector.GreaterThan(new Vector<float>(values[(i + lanes)..]), limit));
            var high = Vector.Narrow(Vector.GreaterThan(new Vector<float>(values[(i + 2 * lanes)..]), limit), Vector.GreaterThan(new Vector<float>(values[(i + 3 * lanes)..]), limit));
            (Vector.AsVectorByte(Vector.Narrow(low, high)) & Vector<byte>.One).CopyTo(flags[i..]);
        }
        for (; i < values.Length; i++)
            flags[i] = values[i] > threshold ? (byte)1 : (byte)0;
    }

    /// <summary><paramref name="ink"/> = the image with ink bright: inverted when <paramref name="inverted"/>, else copied.</summary>
    private static void Polarise(ReadOnlySpan<float> image, bool inverted, Span<float> ink)
    {
        if (inverted)
            TensorPrimitives.Subtract(1f, image, ink);
        else
            image.CopyTo(ink);
    }

    /// <summary><paramref name="ink"/> = min(1, ink / <paramref name="level"/>).</summary>
    private static void Stretch(Span<float> ink, float level)
    {
        var (one, divisor, i) = (Vector<float>.One, new Vector<float>(level), 0);
        for (; i <= ink.Length - Vector<float>.Count; i += Vector<float>.Count)
            Vector.Min(one, new Vector<float>(ink[i..]) / divisor).CopyTo(ink[i..]);
        for (; i < ink.Length; i++)
            ink[i] = Math.Min(1f, ink[i] / level);
    }

    /// <summary>
    /// The (dark) background of <paramref name="small"/> (ink bright, reduced to the working size): a grey-level
    /// opening wide enough to erase strokes, smoothed.
    /// </summary>
    private static GrayImage Background(GrayImage small)
    {
        var radius = Math.Max(2, Math.Max(small.Width, small.Height) / 10);
        return ImageOps.BoxBlur(ImageOps.Opening(small, radius), radius);
    }

    /// <summary>
    /// <paramref name="ink"/> = max(0, the image with ink bright − the background enlarged to full size): shadows and
    /// lighting gradients become flat black. The background is enlarged a row at a time and subtracted as it comes,
    /// never held at full size. Returns the strongest ink.
    /// </summary>
    private static float SubtractBackground(GrayImage image, bool inverted, GrayImage background, GrayImage ink)
    {
        var (width, strongest) = (image.Width, 0f);
        ImageOps.Bilinear(background, width, image.Height, (y, row) =>
        {
            var target = ink.Pixels.AsSpan(y * width, width);
            Polarise(image.Pixels.AsSpan(y * width, width), inverted, target);
            TensorPrimitives.Subtract(target, row, target);
            TensorPrimitives.Max(target, 0f, target);
            strongest = Math.Max(strongest, TensorPrimitives.Max(target));
        });
        return strongest;
    }

    /// <summary>
    /// <paramref name="ink"/> = max(0, ink − the paper's level), the level being the median (most of a picture of
    /// handwriting is paper): a thumbnail is too small to flatten, but its paper need not be black. Left as it is, grey
    /// paper stretched with the ink passes the threshold and buries a thin stroke. MNIST's black background (median 0)
    /// is unchanged. Returns the strongest ink.
    /// </summary>
    private static float SubtractPaper(GrayImage ink)
    {
        var paper = ImageOps.Percentile(ink, 0.5);
        if (paper > 0)
        {
            TensorPrimitives.Subtract(ink.Pixels, paper, ink.Pixels);
            TensorPrimitives.Max(ink.Pixels, 0f, ink.Pixels);
        }
        return TensorPrimitives.Max(ink.Pixels);
    }

    /// <summary>The blobs that are writing: neither page borders (at the edges of <paramref name="page"/>) nor specks.</summary>
    private static List<Component> KeepWriting(List<Component> blobs, PixelBox page, double dotArea)
    {
        var writing = blobs.Where(b => !IsPageBorder(b.Box, page)).ToList();
        if (writing.Count == 0)
            return writing;
        var largest = writing.Max(b => b.Area);
        return writing.Where(b => b.Area >= Math.Max(3, Math.Min(largest * SpeckFraction, dotArea))).ToList();
    }

    /// <summary>
    /// A quarter of the area of a dot made by the pen that wrote the mask (<see cref="DotShare"/>): the stroke width is
    /// 2 × area / boundary length (a stroke of width w and length L has area wL and a boundary of about 2L), and a dot
    /// is about w × w.
    /// </summary>
    private static double PenDotArea(bool[] mask, int width, int height)
    {
        int area = 0, boundary = 0;
        for (var y = 0; y < height; y++)
        {
            // Most of a mask is background: jump from run of ink to run of ink a vector at a time.
            var row = mask.AsSpan(y * width, width);
            for (var start = row.IndexOf(true); start >= 0;)
            {
                var length = row[start..].IndexOf(false);
                var end = length < 0 ? width : start + length;
                for (var x = start; x < end; x++)
                {
                    area++;
                    if (x == 0 || y == 0 || x == width - 1 || y == height - 1 || !mask[y * width + x - 1] || !mask[y * width + x + 1]
                        || !mask[(y - 1) * width + x] || !mask[(y + 1) * width + x])
                        boundary++;
                }
                var next = end < width ? row[end..].IndexOf(true) : -1;
                start = next < 0 ? -1 : end + next;
            }
        }
        var stroke = boundary == 0 ? 1 : 2.0 * area / boundary;
        return DotShare * stroke * stroke;
    }

    private static bool IsPageBorder(PixelBox box, PixelBox page)
    {
        var touches = box.Left == page.Left || box.Top == page.Top || box.Right == page.Right || box.Bottom == page.Bottom;
        return touches && (box.Width >= page.Width * BorderSpan || box.Height >= page.Height * BorderSpan);
    }

    /// <summary>
    /// Clears, in place, all of <paramref name="extracted"/>'s ink but that of its blobs, grown by one pixel to keep
    /// their soft anti-aliased edges above <paramref name="floor"/>. <paramref name="count"/> is the number of labels.
    /// </summary>
    private static void KeepOnly(InkImage extracted, int count, float floor)
    {
        var (ink, labels) = (extracted.Ink, extracted.Labels);
        var keepLabel = new bool[count + 1];
        foreach (var blob in extracted.Blobs)
            keepLabel[blob.Label] = true;
        var (width, height, pixels) = (ink.Width, ink.Height, ink.Pixels);
        ClearBelow(pixels, floor);
        // Only pixels next to a kept blob survive: outside the kept blobs' box, grown by one, everything goes.
        var area = extracted.Bounds?.Inflate(1, width, height) ?? new PixelBox(0, 0, 0, 0);
        for (var y = 0; y < height; y++)
        {
            var row = pixels.AsSpan(y * width, width);
            if (y < area.Top || y >= area.Bottom)
            {
                row.Clear();
                continue;
            }
            row[..area.Left].Clear();
            row[area.Right..].Clear();
            // What is left is the strokes, seldom a long stretch of paper: the test below is well predicted.
            for (var x = area.Left; x < area.Right; x++)
            {
                var i = y * width + x;
                if (pixels[i] != 0 && !keepLabel[labels[i]] && !NearKept(labels, keepLabel, x, y, width, height))
                    pixels[i] = 0;
            }
        }
    }

    /// <summary>Sets the values below <paramref name="floor"/> to 0, without a branch per value (paper is noisy).</summary>
    private static void ClearBelow(Span<float> values, float floor)
    {
        var (limit, i) = (new Vector<float>(floor), 0);
        for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var v = new Vector<float>(values[i..]);
            Vector.ConditionalSelect(Vector.GreaterThanOrEqual(v, limit), v, Vector<float>.Zero).CopyTo(values[i..]);
        }
        for (; i < values.Length; i++)
            values[i] = values[i] >= floor ? values[i] : 0;
    }

    private static bool NearKept(int[] labels, bool[] keepLabel, int x, int y, int width, int height)
    {
        for (var ny = Math.Max(0, y - 1); ny <= Math.Min(height - 1, y + 1); ny++)
            for (var nx = Math.Max(0, x - 1); nx <= Math.Min(width - 1, x + 1); nx++)
                if (keepLabel[labels[ny * width + nx]])
                    return true;
        return false;
    }
}
