using static TorchSharp.torch;

namespace LeNet.Data;

/// <summary>
/// The affine distortion of single images in C#: what <c>affine_grid</c> followed by bilinear <c>grid_sample</c>
/// (zeros outside, <c>align_corners: false</c>) computes, to float rounding. At one example per step (the paper's
/// training) the two TorchSharp calls and their tensors cost about 190 µs a step, more than the fused step itself;
/// this costs a few microseconds. No library at hand warps a small float image without those per-call costs.
/// </summary>
internal static class AffineWarp
{
    /// <summary>
    /// Warps every image of <paramref name="inputs"/> (<c>[N, 1, H, W]</c> float32 on the CPU) by its 2 × 3 matrix in
    /// <paramref name="thetas"/> (output coordinates to input coordinates, both in [−1, 1]); outside the image is
    /// <paramref name="background"/>. The result is a new tensor in the caller's dispose scope.
    /// </summary>
    public static Tensor Apply(Tensor inputs, float[] thetas, float background)
    {
        var (n, height, width) = ((int)inputs.shape[0], (int)inputs.shape[2], (int)inputs.shape[3]);
        var source = inputs.data<float>().ToArray();
        var target = new float[source.Length];
        var size = height * width;
        for (var i = 0; i < n; i++)
            Warp(source.AsSpan(i * size, size), target.AsSpan(i * size, size), height, width, thetas.AsSpan(6 * i, 6), background);
        return tensor(target, inputs.shape);
    }

    /// <summary>One image: each output pixel samples the input bilinearly where the matrix sends its centre.</summary>
    private static void Warp(ReadOnlySpan<float> source, Span<float> target, int height, int width, ReadOnlySpan<float> theta, float background)
    {
        for (var row = 0; row < height; row++)
        {
            var y = (2f * row + 1) / height - 1;
            for (var column = 0; column < width; column++)
            {
                var x = (2f * column + 1) / width - 1;
                var gx = theta[0] * x + theta[1] * y + theta[2];
                var gy = theta[3] * x + theta[4] * y + theta[5];
                var ix = ((gx + 1) * width - 1) / 2;
                var iy = ((gy + 1) * height - 1) / 2;
                target[row * width + column] = Sample(source, height, width, ix, iy, background) + background;
            }
        }
    }

    /// <summary>Bilinear sample of (image − background) at (<paramref name="ix"/>, <paramref name="iy"/>), zero outside.</summary>
    private static float Sample(ReadOnlySpan<float> source, int height, int width, float ix, float iy, float background)
    {
        var (x0, y0) = ((int)MathF.Floor(ix), (int)MathF.Floor(iy));
        var (wx, wy) = (ix - x0, iy - y0);
        return At(source, height, width, x0, y0, background) * (1 - wx) * (1 - wy) + At(source, height, width, x0 + 1, y0, background) * wx * (1 - wy)
             + At(source, height, width, x0, y0 + 1, background) * (1 - wx) * wy + At(source, height, width, x0 + 1, y0 + 1, background) * wx * wy;
    }

    private static float At(ReadOnlySpan<float> source, int height, int width, int x, int y, float background) =>
        x >= 0 && x < width && y >= 0 && y < height ? source[y * width + x] - background : 0;
}
