using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LeNet.Models.Paper;

namespace LeNet.Models.Fast;

/// <summary>
/// The paper's LeNet-5 (<see cref="PaperLeNet5"/>) for one example at a time, vectorised with 8-lane SIMD and held in
/// one small workspace: C1 → squash → S2 → squash → C3 (Table I) → squash → S4 → squash → C5 → squash → F6 → squash →
/// RBF penalties, the loss of <see cref="PaperLoss"/>, and the backward pass into per-parameter gradient sums
/// (<see cref="Accumulate"/>). The paper steps once per example; at one example TorchSharp spends its time
/// in ~150 small operations, and these kernels do the same arithmetic without them (tests compare every output and
/// gradient with the TorchSharp network).
/// </summary>
/// <remarks>
/// Maps are stored in rows padded to whole vectors (C1: 28 → 32 columns, S2: 14 → 24, C3: 10 → 16); the padding of
/// every gradient map is zero, so it adds nothing to the sums it enters. Parameters are read where TorchSharp keeps
/// them, in <c>parameters()</c> order (<see cref="Sizes"/>).
/// </remarks>
internal static unsafe partial class PaperKernels
{
    /// <summary>Whether this CPU runs 256-bit vector code natively; elsewhere the plain path is used instead.</summary>
    public static bool IsSupported => Vector256.IsHardwareAccelerated;

    /// <summary>Elements of each parameter in <c>parameters()</c> order: C1 weight, bias; S2 coefficient, bias; C3; S4; C5; F6.</summary>
    public static readonly int[] Sizes = [150, 6, 6, 6, 1500, 16, 16, 16, 48_000, 120, 10_080, 84];

    /// <summary>All trainable parameters: the length of a gradient buffer.</summary>
    public const int ParameterCount = 60_000;

    private const int C1W = 0, C1B = 1, S2C = 2, S2B = 3, C3W = 4, C3B = 5, S4C = 6, S4B = 7, C5W = 8, C5B = 9, F6W = 10, F6B = 11;
    private const int G1W = 0, G1B = 150, G2C = 156, G2B = 162, G3W = 168, G3B = 1668, G4C = 1684, G4B = 1700;
    private const int G5W = 1716, G5B = 49_716, G6W = 49_836, G6B = 59_916;

    private const float Amplitude = 1.7159f, Slope = 2f / 3f;
    private const int Classes = 10, Features = 84;

    // Row widths of the padded maps.
    private const int Row0 = 40, Row1 = 32, Row2 = 24, Row3 = 16;

    // The workspace: activations of the forward pass, then the gradients of the backward pass.
    private const int X0 = 0, X1 = X0 + 32 * Row0, Sum2 = X1 + 6 * 28 * Row1, X2 = Sum2 + 6 * 196, X3 = X2 + 6 * 14 * Row2;
    private const int Sum4 = X3 + 16 * 10 * Row3, X4 = Sum4 + 400, X5 = X4 + 400, X6 = X5 + 128, Penalty = X6 + 88;
    private const int D6 = Penalty + 16, D5 = D6 + 88, D4 = D5 + 128, D3 = D4 + 400, D2 = D3 + 16 * 10 * Row3, D1 = D2 + 6 * 14 * Row2;

    /// <summary>C3's gradient maps with 4 rows and columns of zeros around them (rows of <see cref="Row2"/>).</summary>
    private const int P3 = D1 + 6 * 28 * Row1, PaddedRows = 18;

    /// <summary>Floats of one workspace (zeroed when allocated; the kernels keep its padding zero).</summary>
    public const int WorkspaceSize = P3 + 16 * PaddedRows * Row2 + 8;

    /// <summary>Where each C3 map's weights start in C3's 1,500 (25 per connection, maps in order).</summary>
    private static readonly int[] C3Offsets = [.. PartialConvolution.Connections.Select((_, o) => PartialConvolution.Connections.Take(o).Sum(c => c.Length) * 25)];

    /// <summary>For each S2 map, the C3 maps that read it and where their kernel for it starts in C3's weights.</summary>
    private static readonly (int Map, int Offset)[][] Readers = [.. Enumerable.Range(0, 6).Select(i =>
        PartialConvolution.Connections.SelectMany((inputs, o) => inputs.Select((input, t) => (input, o, C3Offsets[o] + t * 25)))
            .Where(c => c.input == i).Select(c => (c.o, c.Item3)).ToArray())];

    /// <summary>
    /// The forward pass of one normalised 28 × 28 <paramref name="image"/> with the 12 <paramref name="parameters"/>
    /// and the output units' ten <paramref name="codes"/> (<c>[10 × 84]</c>); leaves the activations in
    /// <paramref name="workspace"/> and returns the ten RBF penalties' location there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD loops: fully optimised from the first call
    public static float* Forward(float* image, float** parameters, float* codes, float* workspace)
    {
        var w = workspace;
        Pad(image, w + X0);
        Convolve1(w + X0, parameters[C1W], parameters[C1B], w + X1);
        Squash(w + X1, 6 * 28 * Row1);
        Subsample(w + X1, Row1, 28, 6, parameters[S2C], parameters[S2B], w + Sum2, w + X2, Row2);
        Squash(w + X2, 6 * 14 * Row2);
        Convolve3(w + X2, parameters[C3W], parameters[C3B], w + X3);
        Squash(w + X3, 16 * 10 * Row3);
        Subsample(w + X3, Row3, 10, 16, parameters[S4C], parameters[S4B], w + Sum4, w + X4, 5);
        Squash(w + X4, 400);
        FullyConnected(w + X4, 400, parameters[C5W], parameters[C5B], w + X5, 120);
        Squash(w + X5, 120);
        FullyConnected(w + X5, 120, parameters[F6W], parameters[F6B], w + X6, Features);
        Squash(w + X6, Features);
        for (var i = 0; i < Classes; i++)
            w[Penalty + i] = SquaredDistance(w + X6, codes + i * Features);
        return w + Penalty;
    }

    /// <summary>The 28 × 28 image inside 32 × 32 of background (−0.1 after <see cref="PaperLeNet5.InputMapping"/>).</summary>
    private static void Pad(float* image, float* padded)
    {
        new Span<float>(padded, 32 * Row0).Fill(-0.1f);
        for (var y = 0; y < 28; y++)
            new ReadOnlySpan<float>(image + y * 28, 28).CopyTo(new Span<float>(padded + (y + 2) * Row0 + 2, 28));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Convolve1(float* input, float* weights, float* biases, float* output)
    {
        for (var c = 0; c < 6; c++)
        {
            var kernel = weights + c * 25;
            for (var y = 0; y < 28; y++)
            {
                var bias = Vector256.Create(biases[c]);
                // One output row: four vectors side by side.
                var (a0, a1, a2, a3) = Kernel5x5(input + y * Row0, Row0, kernel, 8, 16, 24, (bias, bias, bias, bias));
                var at = output + (c * 28 + y) * Row1;
                a0.Store(at); a1.Store(at + 8); a2.Store(at + 16); a3.Store(at + 24);
            }
        }
    }

    /// <summary>
    /// S2 or S4: each map's 2 × 2 sums (kept in <paramref name="sums"/> for the coefficient's gradient) times the map's
    /// coefficient plus its bias, into rows <paramref name="outputRow"/> wide.
    /// </summary>
    private static void Subsample(float* input, int inputRow, int size, int maps, float* coefficients, float* biases,
        float* sums, float* output, int outputRow)
    {
        var half = size / 2;
        for (var c = 0; c < maps; c++)
        {
            for (var y = 0; y < half; y++)
            {
                var top = input + (c * size + 2 * y) * inputRow;
                for (var x = 0; x < half; x++)
                {
                    var sum = top[2 * x] + top[2 * x + 1] + top[inputRow + 2 * x] + top[inputRow + 2 * x + 1];
                    sums[(c * half + y) * half + x] = sum;
                    output[(c * half + y) * outputRow + x] = coefficients[c] * sum + biases[c];
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Convolve3(float* input, float* weights, float* biases, float* output)
    {
        for (var o = 0; o < 16; o++)
        {
            var connections = PartialConvolution.Connections[o];
            for (var y = 0; y < 10; y += 2)
            {
                var bias = Vector256.Create(biases[o]);
                var (a0, a1, b0, b1) = (bias, bias, bias, bias);
                // Two output rows of two vectors each, summed over the S2 maps this C3 map reads.
                for (var t = 0; t < connections.Length; t++)
                    (a0, a1, b0, b1) = Kernel5x5(input + (connections[t] * 14 + y) * Row2, Row2, weights + C3Offsets[o] + t * 25, 8, Row2, Row2 + 8, (a0, a1, b0, b1));
                var at = output + (o * 10 + y) * Row3;
                a0.Store(at); a1.Store(at + 8); b0.Store(at + Row3); b1.Store(at + Row3 + 8);
            }
        }
    }

    /// <summary>
    /// Adds a 5 × 5 <paramref name="kernel"/> slid over rows <paramref name="stride"/> apart from <paramref name="top"/>
    /// to four 8-lane sums: the first reads at each tap's position, the others <paramref name="second"/>,
    /// <paramref name="third"/> and <paramref name="fourth"/> floats further (C1: one row's four vectors; C3: two
    /// vectors on each of two rows). Inlined, the sums stay in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float>, Vector256<float>, Vector256<float>, Vector256<float>) Kernel5x5(float* top, int stride, float* kernel,
        int second, int third, int fourth, (Vector256<float> A, Vector256<float> B, Vector256<float> C, Vector256<float> D) sums)
    {
        var (a, b, c, d) = sums;
        for (var ky = 0; ky < 5; ky++)
        {
            var row = top + ky * stride;
            for (var kx = 0; kx < 5; kx++)
            {
                var w = Vector256.Create(kernel[ky * 5 + kx]);
                a = Vector256.FusedMultiplyAdd(Vector256.Load(row + kx), w, a);
                b = Vector256.FusedMultiplyAdd(Vector256.Load(row + kx + second), w, b);
                c = Vector256.FusedMultiplyAdd(Vector256.Load(row + kx + third), w, c);
                d = Vector256.FusedMultiplyAdd(Vector256.Load(row + kx + fourth), w, d);
            }
        }
        return (a, b, c, d);
    }

    /// <summary>C5 or F6: output k = bias k + row k of <paramref name="weights"/> · input (lengths multiples of 8).</summary>
    private static void FullyConnected(float* input, int inputs, float* weights, float* biases, float* output, int outputs)
    {
        for (var k = 0; k < outputs; k++)
            output[k] = biases[k] + Dot(weights + k * inputs, input, inputs);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(float* a, float* b, int length) =>
        TensorPrimitives.Dot(new ReadOnlySpan<float>(a, length), new ReadOnlySpan<float>(b, length));

    /// <summary>f(a) = A·tanh(S·a) in place (<paramref name="length"/> a multiple of 8 or the rest done one by one).</summary>
    internal static void Squash(float* values, int length)
    {
        var i = 0;
        for (; i <= length - 8; i += 8)
            (Tanh(Vector256.Load(values + i) * Slope) * Amplitude).Store(values + i);
        for (; i < length; i++)
            values[i] = Tanh(Vector256.Create(values[i] * Slope)).ToScalar() * Amplitude;
    }

    /// <summary>
    /// tanh x ≈ x·P(x²) / Q(x²) on |x| ≤ 7.9 (beyond, tanh is 1 to within 3·10⁻⁷). The coefficients were fitted for
    /// these kernels by iteratively reweighted least squares on Chebyshev points, for relative error (≈ 3·10⁻⁹ in exact
    /// arithmetic; a few float32 ulps as computed). <c>TensorPrimitives.Tanh</c> gives the same values at about a
    /// quarter of the speed here, and the squashing after every layer is a third of the forward pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Tanh(Vector256<float> x)
    {
        x = Vector256.Clamp(x, Vector256.Create(-7.9f), Vector256.Create(7.9f));
        var x2 = x * x;
        var p = Vector256.FusedMultiplyAdd(x2, Vector256.Create(-1.1616135e-13f), Vector256.Create(6.379838e-11f));
        p = Vector256.FusedMultiplyAdd(x2, p, Vector256.Create(-2.2337188e-08f));
        p = Vector256.FusedMultiplyAdd(x2, p, Vector256.Create(1.1647143e-05f));
        p = Vector256.FusedMultiplyAdd(x2, p, Vector256.Create(0.0031497872f));
        p = Vector256.FusedMultiplyAdd(x2, p, Vector256.Create(0.13124724f));
        p = Vector256.FusedMultiplyAdd(x2, p, Vector256.Create(0.99999999921f));
        var q = Vector256.FusedMultiplyAdd(x2, Vector256.Create(0.00026136021f), Vector256.Create(0.02467667f));
        q = Vector256.FusedMultiplyAdd(x2, q, Vector256.Create(0.46458056f));
        q = Vector256.FusedMultiplyAdd(x2, q, Vector256<float>.One);
        return x * p / q;
    }

    /// <summary>The RBF penalty of a class with <paramref name="code"/>: ‖x − w‖² over F6's 84 outputs.</summary>
    private static float SquaredDistance(float* features, float* code)
    {
        var sum = 0f;
        for (var k = 0; k < Features; k++)
        {
            var difference = features[k] - code[k];
            sum += difference * difference;
        }
        return sum;
    }
}
