using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LeNet.Models.Paper;

namespace LeNet.Models.Fast;

internal static unsafe partial class PaperKernels
{
    /// <summary>
    /// One example's loss (<see cref="PaperLoss"/>) and its gradient, added to <paramref name="gradients"/>
    /// (<see cref="ParameterCount"/> floats, parameters one after another in <c>parameters()</c> order). Returns the loss
    /// and the class read (the smallest penalty; the first on ties, as argmax of the scores picks).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD loops: fully optimised from the first call
    public static (float Loss, int Predicted) Accumulate(float* image, int label, float** parameters, float* codes, float* gradients, float* workspace)
    {
        var penalties = Forward(image, parameters, codes, workspace);
        var classGradient = stackalloc float[Classes];
        var (loss, predicted) = LossGradient(penalties, label, classGradient);
        OutputGradient(workspace + X6, codes, classGradient, workspace + D6);
        Backward(parameters, gradients, workspace);
        return (loss, predicted);
    }

    /// <summary>
    /// Jᵀv of one example, added to <paramref name="gradients"/>: the gradient of v · x with respect to every parameter,
    /// x being the <see cref="Features"/> the RBF units read and v the given <paramref name="direction"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateFeatureGradient(float* image, float* direction, float** parameters, float* codes, float* gradients, float* workspace)
    {
        Forward(image, parameters, codes, workspace);
        new ReadOnlySpan<float>(direction, Features).CopyTo(new Span<float>(workspace + D6, Features));
        Backward(parameters, gradients, workspace);
    }

    /// <summary>From the gradient at the squashed features (at D6 in the workspace) to every parameter's, added to <paramref name="g"/>.</summary>
    private static void Backward(float** p, float* g, float* w)
    {
        TimesSlope(w + D6, w + X6, Features);
        BackFullyConnected(w + X5, 120, p[F6W], w + D6, Features, g + G6W, g + G6B, w + D5);
        TimesSlope(w + D5, w + X5, 120);
        BackFullyConnected(w + X4, 400, p[C5W], w + D5, 120, g + G5W, g + G5B, w + D4);
        TimesSlope(w + D4, w + X4, 400);
        BackSubsample(w + D4, 5, w + Sum4, 16, 10, p[S4C], g + G4C, g + G4B, w + D3, Row3);
        TimesSlope(w + D3, w + X3, 16 * 10 * Row3);
        BackConvolve3(w + X2, p[C3W], w + D3, g + G3W, g + G3B, w + P3, w + D2);
        TimesSlope(w + D2, w + X2, 6 * 14 * Row2);
        BackSubsample(w + D2, Row2, w + Sum2, 6, 28, p[S2C], g + G2C, g + G2B, w + D1, Row1);
        TimesSlope(w + D1, w + X1, 6 * 28 * Row1);
        BackConvolve1(w + X0, w + D1, g + G1W, g + G1B);
    }

    /// <summary>
    /// One example read without training: its loss (<see cref="PaperLoss"/>), the class read, and that class's softmax
    /// probability over the scores −y — what <see cref="Training.Evaluator"/> computes from the network's outputs.
    /// </summary>
    public static (float Loss, int Predicted, float Confidence) Evaluate(float* image, int label, float** parameters, float* codes, float* workspace)
    {
        var penalties = Forward(image, parameters, codes, workspace);
        var unused = stackalloc float[Classes];
        var (loss, predicted) = LossGradient(penalties, label, unused);
        var total = 0.0;
        for (var i = 0; i < Classes; i++)
            total += Math.Exp(penalties[predicted] - penalties[i]);
        return (loss, predicted, (float)(1 / total));
    }

    /// <summary>E = y_D + log(e^−j + Σ e^−y_i) and ∂E/∂y_i = [i = D] − e^−y_i / (e^−j + Σ e^−y).</summary>
    private static (float Loss, int Predicted) LossGradient(float* penalties, int label, float* gradient)
    {
        var floor = -PaperLoss.J;
        double largest = floor;
        var predicted = 0;
        for (var i = 0; i < Classes; i++)
        {
            largest = Math.Max(largest, -penalties[i]);
            if (penalties[i] < penalties[predicted])
                predicted = i;
        }
        var total = Math.Exp(floor - largest);
        for (var i = 0; i < Classes; i++)
            total += Math.Exp(-penalties[i] - largest);
        for (var i = 0; i < Classes; i++)
            gradient[i] = (float)((i == label ? 1 : 0) - Math.Exp(-penalties[i] - largest) / total);
        return ((float)(penalties[label] + largest + Math.Log(total)), predicted);
    }

    /// <summary>∂E/∂x_k = Σ_i ∂E/∂y_i · 2(x_k − w_ik) at F6's outputs.</summary>
    private static void OutputGradient(float* features, float* codes, float* classGradient, float* gradient)
    {
        for (var k = 0; k < Features; k++)
        {
            var sum = 0f;
            for (var i = 0; i < Classes; i++)
                sum += classGradient[i] * 2 * (features[k] - codes[i * Features + k]);
            gradient[k] = sum;
        }
    }

    /// <summary>Gradient through the squashing function, in place: times f′(a) = (S/A)(A² − f(a)²), from the stored f(a).</summary>
    private static void TimesSlope(float* gradient, float* output, int length)
    {
        var i = 0;
        Vector256<float> gain = Vector256.Create(Slope / Amplitude), square = Vector256.Create(Amplitude * Amplitude);
        for (; i <= length - 8; i += 8)
        {
            var x = Vector256.Load(output + i);
            (Vector256.Load(gradient + i) * gain * (square - x * x)).Store(gradient + i);
        }
        for (; i < length; i++)
            gradient[i] *= Slope / Amplitude * (Amplitude * Amplitude - output[i] * output[i]);
    }

    /// <summary>C5 or F6 backwards: weight and bias gradients added, the input's gradient written to <paramref name="inputGradient"/>.</summary>
    private static void BackFullyConnected(float* input, int inputs, float* weights, float* outputGradient, int outputs,
        float* weightGradient, float* biasGradient, float* inputGradient)
    {
        var into = new Span<float>(inputGradient, inputs);
        into.Clear();
        var x = new ReadOnlySpan<float>(input, inputs);
        for (var k = 0; k < outputs; k++)
        {
            var d = outputGradient[k];
            biasGradient[k] += d;
            var row = new Span<float>(weightGradient + k * inputs, inputs);
            TensorPrimitives.MultiplyAdd(x, d, row, row);
            TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(weights + k * inputs, inputs), d, into, into);
        }
    }

    /// <summary>
    /// S2 or S4 backwards: coefficient and bias gradients added; every input of a 2 × 2 block receives coefficient ×
    /// the block's gradient (written, not added: the blocks tile the map).
    /// </summary>
    private static void BackSubsample(float* outputGradient, int outputRow, float* sums, int maps, int size, float* coefficients,
        float* coefficientGradient, float* biasGradient, float* inputGradient, int inputRow)
    {
        var half = size / 2;
        for (var c = 0; c < maps; c++)
        {
            float sumTimesGradient = 0, gradientSum = 0;
            for (var y = 0; y < half; y++)
            {
                for (var x = 0; x < half; x++)
                {
                    var d = outputGradient[(c * half + y) * outputRow + x];
                    sumTimesGradient += d * sums[(c * half + y) * half + x];
                    gradientSum += d;
                    var value = coefficients[c] * d;
                    var top = inputGradient + (c * size + 2 * y) * inputRow + 2 * x;
                    top[0] = top[1] = top[inputRow] = top[inputRow + 1] = value;
                }
            }
            coefficientGradient[c] += sumTimesGradient;
            biasGradient[c] += gradientSum;
        }
    }

    /// <summary>C3 backwards over Table I's connections: weight and bias gradients added, S2's gradient written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackConvolve3(float* input, float* weights, float* outputGradient, float* weightGradient, float* biasGradient,
        float* padded, float* inputGradient)
    {
        for (var o = 0; o < 16; o++)
        {
            var map = outputGradient + o * 10 * Row3;
            biasGradient[o] += TensorPrimitives.Sum(new ReadOnlySpan<float>(map, 10 * Row3));
            for (var y = 0; y < 10; y++)
            {
                var into = padded + (o * PaddedRows + y + 4) * Row2 + 4;
                Vector256.Load(map + y * Row3).Store(into);
                Vector256.Load(map + y * Row3 + 8).Store(into + 8);
            }
            var connections = PartialConvolution.Connections[o];
            for (var t = 0; t < connections.Length; t++)
                KernelGradient(map, Row3, 10, 2, input + connections[t] * 14 * Row2, Row2, weightGradient + C3Offsets[o] + t * 25);
        }
        for (var i = 0; i < 6; i++)
            InputGradient3(i, weights, padded, inputGradient + i * 14 * Row2);
    }

    /// <summary>
    /// The gradient of a 5 × 5 kernel, added to <paramref name="gradient"/>: for each tap, Σ over the output map of its
    /// gradient times the input it read. The five taps of a kernel row are summed side by side (five independent sums).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void KernelGradient(float* map, int mapRow, int rows, int vectors, float* source, int sourceRow, float* gradient)
    {
        for (var ky = 0; ky < 5; ky++)
        {
            Vector256<float> s0 = Vector256<float>.Zero, s1 = s0, s2 = s0, s3 = s0, s4 = s0;
            for (var y = 0; y < rows; y++)
            {
                var row = source + (y + ky) * sourceRow;
                for (var j = 0; j < 8 * vectors; j += 8)
                {
                    var d = Vector256.Load(map + y * mapRow + j);
                    s0 = Vector256.FusedMultiplyAdd(d, Vector256.Load(row + j), s0);
                    s1 = Vector256.FusedMultiplyAdd(d, Vector256.Load(row + j + 1), s1);
                    s2 = Vector256.FusedMultiplyAdd(d, Vector256.Load(row + j + 2), s2);
                    s3 = Vector256.FusedMultiplyAdd(d, Vector256.Load(row + j + 3), s3);
                    s4 = Vector256.FusedMultiplyAdd(d, Vector256.Load(row + j + 4), s4);
                }
            }
            var taps = gradient + ky * 5;
            taps[0] += Vector256.Sum(s0);
            taps[1] += Vector256.Sum(s1);
            taps[2] += Vector256.Sum(s2);
            taps[3] += Vector256.Sum(s3);
            taps[4] += Vector256.Sum(s4);
        }
    }

    /// <summary>
    /// S2 map <paramref name="i"/>'s gradient as a full correlation of the C3 gradients it feeds (zero-padded by 4 on
    /// every side in <paramref name="padded"/>) with their kernels: each output row is summed in registers, so no
    /// store is read back.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InputGradient3(int i, float* weights, float* padded, float* inputGradient)
    {
        var readers = Readers[i];
        for (var r = 0; r < 14; r += 2)
        {
            Vector256<float> a0 = Vector256<float>.Zero, a1 = a0, b0 = a0, b1 = a0;
            foreach (var (o, offset) in readers)
            {
                var kernel = weights + offset;
                for (var ky = 0; ky < 5; ky++)
                {
                    var row = padded + (o * PaddedRows + r - ky + 4) * Row2 + 4;
                    for (var kx = 0; kx < 5; kx++)
                    {
                        var w = Vector256.Create(kernel[ky * 5 + kx]);
                        a0 = Vector256.FusedMultiplyAdd(Vector256.Load(row - kx), w, a0);
                        a1 = Vector256.FusedMultiplyAdd(Vector256.Load(row - kx + 8), w, a1);
                        b0 = Vector256.FusedMultiplyAdd(Vector256.Load(row + Row2 - kx), w, b0);
                        b1 = Vector256.FusedMultiplyAdd(Vector256.Load(row + Row2 - kx + 8), w, b1);
                    }
                }
            }
            var at = inputGradient + r * Row2;
            a0.Store(at); a1.Store(at + 8); b0.Store(at + Row2); b1.Store(at + Row2 + 8);
        }
    }

    /// <summary>C1 backwards: weight and bias gradients added (the image needs none).</summary>
    private static void BackConvolve1(float* input, float* outputGradient, float* weightGradient, float* biasGradient)
    {
        for (var c = 0; c < 6; c++)
        {
            var map = outputGradient + c * 28 * Row1;
            biasGradient[c] += TensorPrimitives.Sum(new ReadOnlySpan<float>(map, 28 * Row1));
            KernelGradient(map, Row1, 28, 4, input, Row0, weightGradient + c * 25);
        }
    }
}
