namespace LeNet.Inference;

/// <summary>
/// How each of <c>target</c> output pixels along one axis covers the <c>source</c> input pixels when shrinking by area
/// averaging: output <c>i</c> covers [i·Step, (i + 1)·Step), and each input pixel counts by the length it shares.
/// Computed once per resize, so the passes over the pixels do no geometry.
/// </summary>
internal sealed class AreaWeights
{
    private AreaWeights(double step, int[] start, int[] index, float[] weight) => (Step, Start, Index, Weight) = (step, start, index, weight);

    /// <summary>Input pixels per output pixel.</summary>
    public double Step { get; }

    /// <summary>Output <c>i</c>'s entries are <see cref="Index"/>/<see cref="Weight"/>[Start[i] .. Start[i + 1]).</summary>
    public int[] Start { get; }

    /// <summary>The input pixel of each entry.</summary>
    public int[] Index { get; }

    /// <summary>The length of that input pixel inside the output pixel.</summary>
    public float[] Weight { get; }

    public static AreaWeights For(int source, int target)
    {
        var step = (double)source / target;
        var start = new int[target + 1];
        var (index, weight) = (new List<int>(), new List<float>());
        for (var i = 0; i < target; i++)
        {
            start[i] = index.Count;
            double x0 = i * step, x1 = x0 + step;
            for (var s = (int)x0; s < Math.Min(source, (int)Math.Ceiling(x1)); s++)
            {
                index.Add(s);
                weight.Add((float)(Math.Min(x1, s + 1) - Math.Max(x0, s)));
            }
        }
        start[target] = index.Count;
        return new AreaWeights(step, start, [.. index], [.. weight]);
    }

    /// <summary>The weighted sums of <paramref name="row"/> for every output pixel (not yet divided by the area).</summary>
    public void Apply(ReadOnlySpan<float> row, Span<float> output)
    {
        var (start, index, weight) = (Start, Index, Weight);
        for (var i = 0; i < output.Length; i++)
        {
            // An output pixel's input pixels are consecutive: no lookup per pixel.
            var (from, to) = (start[i], start[i + 1]);
            var inputs = row.Slice(index[from], to - from);
            var sum = 0f;
            for (var k = 0; k < inputs.Length; k++)
                sum += inputs[k] * weight[from + k];
            output[i] = sum;
        }
    }
}
