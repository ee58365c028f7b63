using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LeNet.Models.Fast;

/// <summary>
/// LeNet-5's convolutional half for one image, vectorised with 8-lane SIMD, with everything in the CPU's L1 cache:
/// conv1 (1→6, 5×5, padding 2) → ReLU → 2×2 max-pool → conv2 (6→16, 5×5) → ReLU → 2×2 max-pool → 400 features in
/// PyTorch's flatten order; and the backward pass of the same stack (weight and bias gradients; the image needs none).
/// </summary>
/// <remarks>
/// conv1 computes even and odd output columns separately from even and odd input columns, so that pooling needs no
/// shuffles; conv2 keeps its 16 output channels in two vectors per pixel. Pooling records which of the four inputs
/// won, in PyTorch's order (first maximum in row-major order), so the backward pass routes gradients exactly as
/// <c>max_pool2d</c> does. Backward visits only the pooled outputs that pass a gradient: one in four conv outputs at most.
/// </remarks>
internal static unsafe class ConvolutionStackKernels
{
    /// <summary>Whether this CPU runs 256-bit vector code natively; elsewhere the plain path is used instead.</summary>
    public static bool IsSupported => Vector256.IsHardwareAccelerated;

    public const int Image = 28, Padded = 32, Channels1 = 6, Channels2 = 16, Kernel = 5;
    public const int Conv1 = 28, Pool1 = 14, Conv2 = 10, Pool2 = 5, Features = Channels2 * Pool2 * Pool2;

    /// <summary>Row width of the even/odd input planes: 16 columns each, room for unaligned 8-lane loads.</summary>
    private const int PlaneRow = 24;

    /// <summary>Row width of conv1 outputs and pooled maps (14 used), padded to two vectors.</summary>
    public const int MapRow = 16;

    /// <summary>Floats per image of pooled conv1 maps, plus one row of slack for 8-lane reads past column 13.</summary>
    public const int Pool1Size = Channels1 * Pool1 * MapRow + MapRow;

    /// <summary>Winners of the second pooling: 25 pooled pixels × 16 channels.</summary>
    public const int Pool2ArgSize = Pool2 * Pool2 * Channels2;

    /// <summary>Row width of the zero-padded image used by conv1's weight gradient.</summary>
    private const int PaddedRow = 40;

    /// <summary>Per-thread scratch: the floats <see cref="Forward"/> and <see cref="Backward"/> need besides their arguments.</summary>
    public const int ScratchSize = 2 * Padded * PlaneRow + 2 * Channels1 * Conv1 * MapRow + Conv2 * Conv2 * Channels2;

    /// <summary>Weights rearranged for the kernels (see <see cref="PackWeights"/>).</summary>
    public const int PackedSize = Channels1 * 25 + Channels1 + Channels2 * Channels1 * 25 + Channels2 + Channels2 * 25 * 8;

    private const int W1Offset = 0, B1Offset = 150, W2VectorOffset = 156, B2Offset = W2VectorOffset + 2400, W2TapOffset = B2Offset + 16;

    /// <summary>
    /// Rearranges conv1.weight [6,1,5,5], conv1.bias, conv2.weight [16,6,5,5], conv2.bias into <paramref name="packed"/>:
    /// conv1 as is; conv2 once as 16-channel vectors per (input channel, ky, kx) for the forward pass and once as
    /// 8-float vectors of its 6 input channels per (output channel, ky, kx), zero beyond, for the backward pass.
    /// </summary>
    public static void PackWeights(ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2, Span<float> packed)
    {
        w1.CopyTo(packed[W1Offset..]);
        b1.CopyTo(packed[B1Offset..]);
        b2.CopyTo(packed[B2Offset..]);
        packed.Slice(W2TapOffset, Channels2 * 25 * 8).Clear();
        for (var co = 0; co < Channels2; co++)
        {
            for (var ci = 0; ci < Channels1; ci++)
            {
                for (var k = 0; k < 25; k++)
                {
                    var value = w2[(co * Channels1 + ci) * 25 + k];
                    packed[W2VectorOffset + (ci * 25 + k) * Channels2 + co] = value;
                    packed[W2TapOffset + (co * 25 + k) * 8 + ci] = value;
                }
            }
        }
    }

    /// <summary>
    /// Forward pass of one image (784 normalised pixels) into 400 <paramref name="features"/>, recording the pooled
    /// conv1 maps and both poolings' winners for <see cref="Backward"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD loops: fully optimised from the first call
    public static void Forward(float* image, float* packed, float* scratch, float* features, float* pool1, int* arg1, int* arg2)
    {
        float* even = scratch, odd = even + Padded * PlaneRow;
        float* conv1Even = odd + Padded * PlaneRow, conv1Odd = conv1Even + Channels1 * Conv1 * MapRow;
        float* conv2 = conv1Odd + Channels1 * Conv1 * MapRow;
        SplitColumns(image, even, odd);
        Convolve1(even, odd, packed, conv1Even, conv1Odd);
        Pool1Relu(conv1Even, conv1Odd, pool1, arg1);
        Convolve2(pool1, packed, conv2);
        Pool2Relu(conv2, features, arg2);
    }

    /// <summary>The padded image's even and odd columns as two planes (32 rows × 16 used columns); padding is zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD loops: fully optimised from the first call
    private static void SplitColumns(float* image, float* even, float* odd)
    {
        new Span<float>(even, 2 * Padded * PlaneRow).Clear();
        for (var y = 0; y < Image; y++)
        {
            var source = image + y * Image;
            float* e = even + (y + 2) * PlaneRow, o = odd + (y + 2) * PlaneRow;
            // Padded column c = x + 2: even columns hold x = 0, 2, …, 26 at 1…14; odd columns hold x = 1, 3, …, 27 at 1…14.
            for (var m = 0; m < Image / 2; m++)
            {
                e[m + 1] = source[2 * m];
                o[m + 1] = source[2 * m + 1];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD loops: fully optimised from the first call
    private static void Convolve1(float* even, float* odd, float* packed, float* conv1Even, float* conv1Odd)
    {
        var weights = packed + W1Offset;
        var bias = packed + B1Offset;
        for (var y = 0; y < Conv1; y++)
        {
            for (var j0 = 0; j0 < MapRow; j0 += 8)
            {
                Vector256<float> e0 = Vector256.Create(bias[0]), e1 = Vector256.Create(bias[1]), e2 = Vector256.Create(bias[2]);
                Vector256<float> e3 = Vector256.Create(bias[3]), e4 = Vector256.Create(bias[4]), e5 = Vector256.Create(bias[5]);
                Vector256<float> o0 = e0, o1 = e1, o2 = e2, o3 = e3, o4 = e4, o5 = e5;
                for (var ky = 0; ky < Kernel; ky++)
                {
                    float* rowEven = even + (y + ky) * PlaneRow + j0, rowOdd = odd + (y + ky) * PlaneRow + j0;
                    for (var kx = 0; kx < Kernel; kx++)
                    {
                        // Output column 2j + kx reads padded column 2j + kx; output 2j + 1 reads 2j + 1 + kx.
                        var forEven = (kx & 1) == 0 ? Vector256.Load(rowEven + kx / 2) : Vector256.Load(rowOdd + kx / 2);
                        var forOdd = (kx & 1) == 0 ? Vector256.Load(rowOdd + kx / 2) : Vector256.Load(rowEven + (kx + 1) / 2);
                        var w = weights + ky * Kernel + kx;
                        var w0 = Vector256.Create(w[0]);
                        e0 = Vector256.FusedMultiplyAdd(forEven, w0, e0);
                        o0 = Vector256.FusedMultiplyAdd(forOdd, w0, o0);
                        var w1 = Vector256.Create(w[25]);
                        e1 = Vector256.FusedMultiplyAdd(forEven, w1, e1);
                        o1 = Vector256.FusedMultiplyAdd(forOdd, w1, o1);
                        var w2 = Vector256.Create(w[50]);
                        e2 = Vector256.FusedMultiplyAdd(forEven, w2, e2);
                        o2 = Vector256.FusedMultiplyAdd(forOdd, w2, o2);
                        var w3 = Vector256.Create(w[75]);
                        e3 = Vector256.FusedMultiplyAdd(forEven, w3, e3);
                        o3 = Vector256.FusedMultiplyAdd(forOdd, w3, o3);
                        var w4 = Vector256.Create(w[100]);
                        e4 = Vector256.FusedMultiplyAdd(forEven, w4, e4);
                        o4 = Vector256.FusedMultiplyAdd(forOdd, w4, o4);
                        var w5 = Vector256.Create(w[125]);
                        e5 = Vector256.FusedMultiplyAdd(forEven, w5, e5);
                        o5 = Vector256.FusedMultiplyAdd(forOdd, w5, o5);
                    }
                }
                var at = y * MapRow + j0;
                const int Plane = Conv1 * MapRow;
                e0.Store(conv1Even + at); e1.Store(conv1Even + Plane + at); e2.Store(conv1Even + 2 * Plane + at);
                e3.Store(conv1Even + 3 * Plane + at); e4.Store(conv1Even + 4 * Plane + at); e5.Store(conv1Even + 5 * Plane + at);
                o0.Store(conv1Odd + at); o1.Store(conv1Odd + Plane + at); o2.Store(conv1Odd + 2 * Plane + at);
                o3.Store(conv1Odd + 3 * Plane + at); o4.Store(conv1Odd + 4 * Plane + at); o5.Store(conv1Odd + 5 * Plane + at);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD loops: fully optimised from the first call
    private static void Pool1Relu(float* conv1Even, float* conv1Odd, float* pool1, int* arg1)
    {
        for (var c = 0; c < Channels1; c++)
        {
            for (var py = 0; py < Pool1; py++)
            {
                for (var j0 = 0; j0 < MapRow; j0 += 8)
                {
                    var top = (c * Conv1 + 2 * py) * MapRow + j0;
                    var (best, winner) = FirstMaximum(
                        Vector256.Load(conv1Even + top), Vector256.Load(conv1Odd + top),
                        Vector256.Load(conv1Even + top + MapRow), Vector256.Load(conv1Odd + top + MapRow));
                    var at = (c * Pool1 + py) * MapRow + j0;
                    Vector256.Max(best, Vector256<float>.Zero).Store(pool1 + at);
                    winner.Store(arg1 + at);
                }
            }
        }
    }

    /// <summary>The maximum of four candidates and which won (0–3), the first one on ties, as <c>max_pool2d</c> decides.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Best, Vector256<int> Winner) FirstMaximum(
        Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d)
    {
        var best = a;
        var winner = Vector256<int>.Zero;
        var better = Vector256.GreaterThan(b, best);
        best = Vector256.ConditionalSelect(better, b, best);
        winner = Vector256.ConditionalSelect(better.AsInt32(), Vector256.Create(1), winner);
        better = Vector256.GreaterThan(c, best);
        best = Vector256.ConditionalSelect(better, c, best);
        winner = Vector256.ConditionalSelect(better.AsInt32(), Vector256.Create(2), winner);
        better = Vector256.GreaterThan(d, best);
        best = Vector256.ConditionalSelect(better, d, best);
        winner = Vector256.ConditionalSelect(better.AsInt32(), Vector256.Create(3), winner);
        return (best, winner);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD loops: fully optimised from the first call
    private static void Convolve2(float* pool1, float* packed, float* conv2)
    {
        var weights = packed + W2VectorOffset;
        var bias = packed + B2Offset;
        for (var y = 0; y < Conv2; y++)
        {
            for (var x0 = 0; x0 < Conv2; x0 += 5)
            {
                var low = Vector256.Load(bias);
                var high = Vector256.Load(bias + 8);
                Vector256<float> l0 = low, l1 = low, l2 = low, l3 = low, l4 = low;
                Vector256<float> h0 = high, h1 = high, h2 = high, h3 = high, h4 = high;
                for (var ci = 0; ci < Channels1; ci++)
                {
                    for (var ky = 0; ky < Kernel; ky++)
                    {
                        var row = pool1 + (ci * Pool1 + y + ky) * MapRow + x0;
                        var w = weights + (ci * 25 + ky * Kernel) * Channels2;
                        for (var kx = 0; kx < Kernel; kx++, w += Channels2)
                        {
                            var wl = Vector256.Load(w);
                            var wh = Vector256.Load(w + 8);
                            var s = Vector256.Create(row[kx]);
                            l0 = Vector256.FusedMultiplyAdd(s, wl, l0);
                            h0 = Vector256.FusedMultiplyAdd(s, wh, h0);
                            s = Vector256.Create(row[kx + 1]);
                            l1 = Vector256.FusedMultiplyAdd(s, wl, l1);
                            h1 = Vector256.FusedMultiplyAdd(s, wh, h1);
                            s = Vector256.Create(row[kx + 2]);
                            l2 = Vector256.FusedMultiplyAdd(s, wl, l2);
                            h2 = Vector256.FusedMultiplyAdd(s, wh, h2);
                            s = Vector256.Create(row[kx + 3]);
                            l3 = Vector256.FusedMultiplyAdd(s, wl, l3);
                            h3 = Vector256.FusedMultiplyAdd(s, wh, h3);
                            s = Vector256.Create(row[kx + 4]);
                            l4 = Vector256.FusedMultiplyAdd(s, wl, l4);
                            h4 = Vector256.FusedMultiplyAdd(s, wh, h4);
                        }
                    }
                }
                var pixel = conv2 + (y * Conv2 + x0) * Channels2;
                l0.Store(pixel); h0.Store(pixel + 8);
                l1.Store(pixel + 16); h1.Store(pixel + 24);
                l2.Store(pixel + 32); h2.Store(pixel + 40);
                l3.Store(pixel + 48); h3.Store(pixel + 56);
                l4.Store(pixel + 64); h4.Store(pixel + 72);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD loops: fully optimised from the first call
    private static void Pool2Relu(float* conv2, float* features, int* arg2)
    {
        var values = stackalloc float[8];
        for (var py = 0; py < Pool2; py++)
        {
            for (var px = 0; px < Pool2; px++)
            {
                var topLeft = conv2 + (2 * py * Conv2 + 2 * px) * Channels2;
                for (var half = 0; half < Channels2; half += 8)
                {
                    var (best, winner) = FirstMaximum(
                        Vector256.Load(topLeft + half), Vector256.Load(topLeft + Channels2 + half),
                        Vector256.Load(topLeft + Conv2 * Channels2 + half), Vector256.Load(topLeft + (Conv2 + 1) * Channels2 + half));
                    winner.Store(arg2 + (py * Pool2 + px) * Channels2 + half);
                    Vector256.Max(best, Vector256<float>.Zero).Store(values);
                    for (var lane = 0; lane < 8; lane++)
                        features[(half + lane) * 25 + py * Pool2 + px] = values[lane];
                }
            }
        }
    }

    /// <summary>
    /// Backward pass of one image: adds to the gradient accumulators (conv1 as 6×5 rows of 8, conv2 as 16×6×5 rows of
    /// 8, lanes past kx = 4 ignored) given the gradient of its 400 features and what <see cref="Forward"/> recorded.
    /// </summary>
    /// <remarks>
    /// Only winners of the poolings whose ReLU passed carry a gradient. Weight gradients are summed in registers per
    /// kernel row over those winners; the gradient of the pooled conv1 maps is scattered channels-last (8 floats per
    /// position, one aligned vector per kernel tap) so that no two updates overlap partially.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD loops: fully optimised from the first call
    public static void Backward(float* image, float* packed, float* scratch, float* features, float* featureGradient,
        float* pool1, int* arg1, int* arg2, float* gradient1, float* biasGradient1, float* gradient2, float* biasGradient2)
    {
        var pool1Gradient = scratch;                                  // [14][14][8], channels last
        var padded = pool1Gradient + Pool1 * Pool1 * 8;               // [32][40]
        var winners = (int*)(padded + Padded * PaddedRow);            // up to 196 winner offsets
        var gains = (float*)(winners + 2 * Pool1 * Pool1);            // their gradients
        new Span<float>(pool1Gradient, Pool1 * Pool1 * 8).Clear();
        var tapsByInput = packed + W2TapOffset;
        for (var co = 0; co < Channels2; co++)
        {
            var count = 0;
            for (var p = 0; p < Pool2 * Pool2; p++)
            {
                var k = co * 25 + p;
                var g = featureGradient[k];
                if (g == 0 || features[k] <= 0)
                    continue; // ReLU passed nothing back
                var winner = arg2[p * Channels2 + co];
                int y = 2 * (p / Pool2) + (winner >> 1), x = 2 * (p % Pool2) + (winner & 1);
                winners[count] = y * MapRow + x;
                gains[count++] = g;
                biasGradient2[co] += g;
                // ∂/∂pool1[y + ky][x + kx][ci] += g · w2[co][ci][ky][kx], all 6 input channels in one vector.
                var gv = Vector256.Create(g);
                var taps = tapsByInput + co * 25 * 8;
                for (var ky = 0; ky < Kernel; ky++)
                {
                    var dp = pool1Gradient + ((y + ky) * Pool1 + x) * 8;
                    for (var kx = 0; kx < Kernel; kx++, dp += 8, taps += 8)
                        Vector256.FusedMultiplyAdd(gv, Vector256.Load(taps), Vector256.Load(dp)).Store(dp);
                }
            }
            // ∂/∂w2[co][ci][ky][kx…kx+7] = Σ over winners g · pool1[ci][y + ky][x…x+7].
            for (var ci = 0; ci < Channels1; ci++)
            {
                Vector256<float> r0 = default, r1 = default, r2 = default, r3 = default, r4 = default;
                var plane = pool1 + ci * Pool1 * MapRow;
                for (var i = 0; i < count; i++)
                {
                    var gv = Vector256.Create(gains[i]);
                    var at = plane + winners[i];
                    r0 = Vector256.FusedMultiplyAdd(gv, Vector256.Load(at), r0);
                    r1 = Vector256.FusedMultiplyAdd(gv, Vector256.Load(at + MapRow), r1);
                    r2 = Vector256.FusedMultiplyAdd(gv, Vector256.Load(at + 2 * MapRow), r2);
                    r3 = Vector256.FusedMultiplyAdd(gv, Vector256.Load(at + 3 * MapRow), r3);
                    r4 = Vector256.FusedMultiplyAdd(gv, Vector256.Load(at + 4 * MapRow), r4);
                }
                AddRows(gradient2 + (co * Channels1 + ci) * Kernel * 8, r0, r1, r2, r3, r4);
            }
        }

        Pad(image, padded);
        for (var c = 0; c < Channels1; c++)
        {
            Vector256<float> r0 = default, r1 = default, r2 = default, r3 = default, r4 = default;
            for (var py = 0; py < Pool1; py++)
            {
                for (var px = 0; px < Pool1; px++)
                {
                    var at = (c * Pool1 + py) * MapRow + px;
                    var g = pool1Gradient[(py * Pool1 + px) * 8 + c];
                    if (g == 0 || pool1[at] <= 0)
                        continue;
                    var winner = arg1[at];
                    int y = 2 * py + (winner >> 1), x = 2 * px + (winner & 1);
                    biasGradient1[c] += g;
                    var gv = Vector256.Create(g);
                    var row = padded + y * PaddedRow + x;
                    r0 = Vector256.FusedMultiplyAdd(gv, Vector256.Load(row), r0);
                    r1 = Vector256.FusedMultiplyAdd(gv, Vector256.Load(row + PaddedRow), r1);
                    r2 = Vector256.FusedMultiplyAdd(gv, Vector256.Load(row + 2 * PaddedRow), r2);
                    r3 = Vector256.FusedMultiplyAdd(gv, Vector256.Load(row + 3 * PaddedRow), r3);
                    r4 = Vector256.FusedMultiplyAdd(gv, Vector256.Load(row + 4 * PaddedRow), r4);
                }
            }
            AddRows(gradient1 + c * Kernel * 8, r0, r1, r2, r3, r4);
        }
    }

    /// <summary>Adds five kernel rows (8 floats each) to the accumulator at <paramref name="rows"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRows(float* rows, Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3, Vector256<float> r4)
    {
        (Vector256.Load(rows) + r0).Store(rows);
        (Vector256.Load(rows + 8) + r1).Store(rows + 8);
        (Vector256.Load(rows + 16) + r2).Store(rows + 16);
        (Vector256.Load(rows + 24) + r3).Store(rows + 24);
        (Vector256.Load(rows + 32) + r4).Store(rows + 32);
    }

    /// <summary>The image with 2 pixels of zeros around it, rows 40 wide so 8-lane reads never leave the buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD loops: fully optimised from the first call
    private static void Pad(float* image, float* padded)
    {
        new Span<float>(padded, Padded * PaddedRow).Clear();
        for (var y = 0; y < Image; y++)
            new ReadOnlySpan<float>(image + y * Image, Image).CopyTo(new Span<float>(padded + (y + 2) * PaddedRow + 2, Image));
    }
}
