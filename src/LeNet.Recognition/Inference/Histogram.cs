using System.Numerics;

namespace LeNet.Inference;

/// <summary>
/// Counts of values in [0, 1] over equal bins (value v falls in bin round(v · (bins − 1)), clamped), and the
/// thresholds preprocessing reads off them. The bin of each pixel is computed a vector at a time; only the counting
/// itself is one pixel at a time.
/// </summary>
internal static class Histogram
{
    /// <summary>Adds each of <paramref name="values"/> to <paramref name="bins"/>.</summary>
    public static void Count(ReadOnlySpan<float> values, Span<int> bins)
    {
        var (size, last) = (bins.Length, bins.Length - 1);
        // Four interleaved sets of counts: most pixels (paper) fall in a few bins, and counting them all into one
        // would make each increment wait for the one before.
        Span<int> counts = stackalloc int[Ways * size];
        Span<int> first = counts[..size], second = counts[size..(2 * size)], third = counts[(2 * size)..(3 * size)], fourth = counts[(3 * size)..];
        var (scale, half, top) = (new Vector<float>(last), new Vector<float>(0.5f), new Vector<float>(last));
        var i = 0;
        for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            // Clamping before the conversion gives the bin (int)(v · last + 0.5) clamped to [0, last], as below.
            var position = Vector.Min(Vector.Max(new Vector<float>(values[i..]) * scale + half, Vector<float>.Zero), top);
            var index = Vector.ConvertToInt32(position);
            for (var lane = 0; lane < Vector<int>.Count; lane += Ways)
            {
                first[index[lane]]++;
                second[index[lane + 1]]++;
                third[index[lane + 2]]++;
                fourth[index[lane + 3]]++;
            }
        }
        for (; i < values.Length; i++)
            counts[Math.Clamp((int)(values[i] * last + 0.5f), 0, last)]++;
        for (var way = 0; way < Ways; way++)
            for (var bin = 0; bin < size; bin++)
                bins[bin] += counts[way * size + bin];
    }

    /// <summary>Sets of counts; vectors hold a multiple of four lanes on every platform .NET runs on.</summary>
    private const int Ways = 4;

    /// <summary>The value below which <paramref name="fraction"/> of the <paramref name="total"/> counted values lie, to one bin.</summary>
    public static float Percentile(ReadOnlySpan<int> bins, long total, double fraction)
    {
        var target = fraction * (total - 1);
        long seen = 0;
        for (var bin = 0; bin < bins.Length; bin++)
        {
            seen += bins[bin];
            if (seen > target)
                return bin / (float)(bins.Length - 1);
        }
        return 1;
    }

    /// <summary>Otsu's threshold: the level that best separates the counted values into two classes.</summary>
    public static float Otsu(ReadOnlySpan<int> bins)
    {
        double total = 0, sumAll = 0;
        for (var i = 0; i < bins.Length; i++)
        {
            total += bins[i];
            sumAll += i * (double)bins[i];
        }
        double weightBackground = 0, sumBackground = 0, best = -1;
        var threshold = 0;
        for (var i = 0; i < bins.Length; i++)
        {
            weightBackground += bins[i];
            if (weightBackground == 0)
                continue;
            var weightForeground = total - weightBackground;
            if (weightForeground == 0)
                break;
            sumBackground += i * (double)bins[i];
            var meanBackground = sumBackground / weightBackground;
            var meanForeground = (sumAll - sumBackground) / weightForeground;
            var between = weightBackground * weightForeground * (meanBackground - meanForeground) * (meanBackground - meanForeground);
            if (between > best)
            {
                best = between;
                threshold = i;
            }
        }
        return (threshold + 0.5f) / (bins.Length - 1);
    }
}
