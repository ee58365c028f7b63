using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static LeNet.TensorMemory;
using static TorchSharp.torch;

namespace LeNet.Data;

/// <summary>
/// The affine distortion of single images in C#: what <c>affine_grid</c> followed by bilinear <c>grid_sample</c>
/// (zeros outside, <c>align_corners: false</c>) computes, to float rounding. At one example per step (the paper's
/// training) the two TorchSharp calls and their tensors cost about 190 µs a step, more than the fused step itself;
/// this costs a few microseconds. No library at hand warps a small float image without those per-call costs.
/// </summary>
internal static unsafe class AffineWarp
{
    /// <summary>Zeros around the image: every tap of a sample point clamped to [−2, size] lands inside.</summary>
    private const int Border = 2;

    /// <summary>
    /// Warps every image of <paramref name="inputs"/> (<c>[N, 1, H, W]</c> float32 on the CPU) by its 2 × 3 matrix in
    /// <paramref name="thetas"/> (output coordinates to input coordinates, both in [−1, 1]); outside the image is
    /// <paramref name="background"/>. The result is a new tensor in the caller's dispose scope.
    /// </summary>
    public static Tensor Apply(Tensor inputs, float[] thetas, float background)
    {
        var shape = inputs.shape;
        var (n, height, width) = ((int)shape[0], (int)shape[2], (int)shape[3]);
        using var copy = inputs.is_contiguous() ? null : inputs.contiguous();
        var result = empty(shape, ScalarType.Float32);
        var size = height * width;
        var padded = new float[(height + 2 * Border) * (width + 2 * Border)];
        fixed (float* source = Floats(copy ?? inputs), target = Floats(result), frame = padded, theta = thetas)
        {
            for (var i = 0; i < n; i++)
            {
                Frame(source + i * size, frame, height, width, background);
                Warp(frame, target + i * size, height, width, theta + 6 * i, background);
            }
        }
        return result;
    }

    /// <summary>The image minus the background, inside a border of zeros <see cref="Border"/> pixels wide.</summary>
    private static void Frame(float* source, float* frame, int height, int width, float background)
    {
        var stride = width + 2 * Border;
        for (var row = 0; row < height; row++)
        {
            var line = frame + (row + Border) * stride + Border;
            for (var column = 0; column < width; column++)
                line[column] = source[row * width + column] - background;
        }
    }

    /// <summary>One image: each output pixel samples the framed input bilinearly where the matrix sends its centre.</summary>
    private static void Warp(float* frame, float* target, int height, int width, float* theta, float background)
    {
        var xs = stackalloc float[width];
        for (var column = 0; column < width; column++)
            xs[column] = (2f * column + 1) / width - 1;
        var stride = width + 2 * Border;
        for (var row = 0; row < height; row++)
        {
            var y = (2f * row + 1) / height - 1;
            var (ax, ay) = (theta[1] * y, theta[4] * y);
            if (Avx2.IsSupported && width >= 8)
            {
                // Eight pixels at a time; the last eight may overlap pixels already written, with the same values.
                for (var start = 0; ; start = Math.Min(start + 8, width - 8))
                {
                    Vector256.Store(WarpEight(frame, stride, height, width, theta, xs + start, ax, ay, background), target + row * width + start);
                    if (start == width - 8)
                        break;
                }
                continue;
            }
            for (var column = 0; column < width; column++)
            {
                var gx = theta[0] * xs[column] + ax + theta[2];
                var gy = theta[3] * xs[column] + ay + theta[5];
                var ix = ((gx + 1) * width - 1) * 0.5f;
                var iy = ((gy + 1) * height - 1) * 0.5f;
                target[row * width + column] = Sample(frame, stride, Math.Clamp(ix, -Border, width), Math.Clamp(iy, -Border, height)) + background;
            }
        }
    }

    /// <summary>What the scalar loop computes for eight neighbouring pixels of a row, in the same order of operations.</summary>
    private static Vector256<float> WarpEight(float* frame, int stride, int height, int width, float* theta, float* xs, float ax, float ay, float background)
    {
        var (one, half, x) = (Vector256.Create(1f), Vector256.Create(0.5f), Vector256.Load(xs));
        var gx = Vector256.Create(theta[0]) * x + Vector256.Create(ax) + Vector256.Create(theta[2]);
        var gy = Vector256.Create(theta[3]) * x + Vector256.Create(ay) + Vector256.Create(theta[5]);
        var ix = Clamp(((gx + one) * Vector256.Create((float)width) - one) * half, width);
        var iy = Clamp(((gy + one) * Vector256.Create((float)height) - one) * half, height);
        var (fx, fy) = (Vector256.Floor(ix), Vector256.Floor(iy));
        var (wx, wy) = (ix - fx, iy - fy);
        var index = (Vector256.ConvertToInt32(fy) + Vector256.Create(Border)) * Vector256.Create(stride) + Vector256.ConvertToInt32(fx) + Vector256.Create(Border);
        var below = index + Vector256.Create(stride);
        var (topLeft, topRight) = (Avx2.GatherVector256(frame, index, 4), Avx2.GatherVector256(frame + 1, index, 4));
        var (bottomLeft, bottomRight) = (Avx2.GatherVector256(frame, below, 4), Avx2.GatherVector256(frame + 1, below, 4));
        return topLeft * (one - wx) * (one - wy) + topRight * wx * (one - wy) + bottomLeft * (one - wx) * wy + bottomRight * wx * wy
            + Vector256.Create(background);
    }

    private static Vector256<float> Clamp(Vector256<float> value, int size) =>
        Vector256.Min(Vector256.Max(value, Vector256.Create((float)-Border)), Vector256.Create((float)size));

    /// <summary>
    /// Bilinear sample of the framed image at (<paramref name="ix"/>, <paramref name="iy"/>) in image coordinates. A point
    /// clamped to the frame lies where every tap is zero, as it did before the clamp, so the clamp changes no value.
    /// </summary>
    private static float Sample(float* frame, int stride, float ix, float iy)
    {
        var (x0, y0) = ((int)MathF.Floor(ix), (int)MathF.Floor(iy));
        var (wx, wy) = (ix - x0, iy - y0);
        var top = frame + (y0 + Border) * stride + x0 + Border;
        var bottom = top + stride;
        return top[0] * (1 - wx) * (1 - wy) + top[1] * wx * (1 - wy) + bottom[0] * (1 - wx) * wy + bottom[1] * wx * wy;
    }
}
