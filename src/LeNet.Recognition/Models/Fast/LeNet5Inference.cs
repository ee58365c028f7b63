using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Kernels = LeNet.Models.Fast.ConvolutionStackKernels;

namespace LeNet.Models.Fast;

/// <summary>
/// A trained LeNet-5's weights frozen for inference, and its whole forward pass in vectorised C#: the fused
/// convolution stack, then fc1 → ReLU → fc2 → ReLU → fc3 per image. No libtorch call per image, so one digit costs
/// microseconds and a batch spreads over the cores without libtorch's threads. Thread-safe: the weights are read only.
/// </summary>
internal sealed class LeNet5Inference
{
    private const int Lanes = 8, Block = 4 * Lanes;
    private readonly float[] _convolutions = new float[Kernels.PackedSize];
    private readonly Dense _fc1, _fc2, _fc3;

    /// <summary>A LeNet-5 of these weights (PyTorch names: conv1.weight … fc3.bias), checked by the caller.</summary>
    public LeNet5Inference(IReadOnlyDictionary<string, float[]> weights)
    {
        Kernels.PackWeights(weights["conv1.weight"], weights["conv1.bias"], weights["conv2.weight"], weights["conv2.bias"], _convolutions);
        _fc1 = new Dense(weights["fc1.weight"], weights["fc1.bias"], Kernels.Features);
        _fc2 = new Dense(weights["fc2.weight"], weights["fc2.bias"], _fc1.Outputs);
        _fc3 = new Dense(weights["fc3.weight"], weights["fc3.bias"], _fc2.Outputs);
    }

    /// <summary>Classes the network scores.</summary>
    public int Classes => _fc3.Outputs;

    /// <summary>Scores <c>[count, classes]</c> for <paramref name="count"/> normalised 28 × 28 inputs, over up to <paramref name="threads"/> cores.</summary>
    public float[] Scores(float[] inputs, int count, int threads)
    {
        if (inputs.Length != count * 784)
            throw new ArgumentException($"expected {count} × 784 inputs, got {inputs.Length}", nameof(inputs));
        var scores = new float[count * Classes];
        BatchPartition.ForEach(count, BatchPartition.Workers(count, threads), (_, range) => ScoreRange(inputs, scores, range.Start, range.End));
        return scores;
    }

    private unsafe void ScoreRange(float[] inputs, float[] scores, int start, int end)
    {
        var size = Kernels.ScratchSize + Kernels.Pool1Size + Kernels.Features + _fc1.PaddedOutputs + _fc2.PaddedOutputs + _fc3.PaddedOutputs;
        var buffer = ArrayPool<float>.Shared.Rent(size);
        var winners = ArrayPool<int>.Shared.Rent(Kernels.Pool1Size + Kernels.Pool2ArgSize);
        try
        {
            fixed (float* images = inputs, output = scores, conv = _convolutions, b = buffer)
            fixed (int* arg = winners)
            {
                float* scratch = b, pool1 = scratch + Kernels.ScratchSize, features = pool1 + Kernels.Pool1Size;
                float* hidden1 = features + Kernels.Features, hidden2 = hidden1 + _fc1.PaddedOutputs, logits = hidden2 + _fc2.PaddedOutputs;
                for (var n = start; n < end; n++)
                {
                    Kernels.Forward(images + n * 784, conv, scratch, features, pool1, arg, arg + Kernels.Pool1Size);
                    _fc1.Apply(features, hidden1, relu: true);
                    _fc2.Apply(hidden1, hidden2, relu: true);
                    _fc3.Apply(hidden2, logits, relu: false);
                    new ReadOnlySpan<float>(logits, Classes).CopyTo(new Span<float>(output + n * Classes, Classes));
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
            ArrayPool<int>.Shared.Return(winners);
        }
    }

    /// <summary>
    /// A fully connected layer y = W x + b with W stored transposed and outputs padded to blocks of 32, so each input
    /// adds its column to four 8-lane accumulators.
    /// </summary>
    private sealed class Dense
    {
        private readonly float[] _columns; // [inputs][padded outputs]
        private readonly float[] _bias;    // [padded outputs]
        private readonly int _inputs;

        public Dense(float[] weight, float[] bias, int inputs)
        {
            _inputs = inputs;
            Outputs = bias.Length;
            PaddedOutputs = (Outputs + Block - 1) / Block * Block;
            _columns = new float[inputs * PaddedOutputs];
            _bias = new float[PaddedOutputs];
            bias.CopyTo(_bias, 0);
            for (var o = 0; o < Outputs; o++)
            {
                for (var i = 0; i < inputs; i++)
                    _columns[i * PaddedOutputs + o] = weight[o * inputs + i];
            }
        }

        public int Outputs { get; }

        public int PaddedOutputs { get; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public unsafe void Apply(float* x, float* y, bool relu)
        {
            fixed (float* columns = _columns, bias = _bias)
            {
                for (var o = 0; o < PaddedOutputs; o += Block)
                {
                    var a0 = Vector256.Load(bias + o);
                    var a1 = Vector256.Load(bias + o + Lanes);
                    var a2 = Vector256.Load(bias + o + 2 * Lanes);
                    var a3 = Vector256.Load(bias + o + 3 * Lanes);
                    var column = columns + o;
                    for (var i = 0; i < _inputs; i++, column += PaddedOutputs)
                    {
                        var xi = Vector256.Create(x[i]);
                        a0 = Vector256.FusedMultiplyAdd(xi, Vector256.Load(column), a0);
                        a1 = Vector256.FusedMultiplyAdd(xi, Vector256.Load(column + Lanes), a1);
                        a2 = Vector256.FusedMultiplyAdd(xi, Vector256.Load(column + 2 * Lanes), a2);
                        a3 = Vector256.FusedMultiplyAdd(xi, Vector256.Load(column + 3 * Lanes), a3);
                    }
                    if (relu)
                    {
                        (a0, a1) = (Vector256.Max(a0, Vector256<float>.Zero), Vector256.Max(a1, Vector256<float>.Zero));
                        (a2, a3) = (Vector256.Max(a2, Vector256<float>.Zero), Vector256.Max(a3, Vector256<float>.Zero));
                    }
                    a0.Store(y + o);
                    a1.Store(y + o + Lanes);
                    a2.Store(y + o + 2 * Lanes);
                    a3.Store(y + o + 3 * Lanes);
                }
            }
        }
    }
}
