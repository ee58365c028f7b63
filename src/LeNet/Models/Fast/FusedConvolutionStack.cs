using System.Buffers;
using TorchSharp;
using static TorchSharp.torch;
using Kernels = LeNet.Models.Fast.ConvolutionStackKernels;

namespace LeNet.Models.Fast;

/// <summary>
/// LeNet-5's conv1 → ReLU → max-pool → conv2 → ReLU → max-pool as one autograd function: images <c>[N, 1, 28, 28]</c>
/// and the four conv parameters in, <c>[N, 400]</c> features out, forward and backward computed image by image with
/// <see cref="ConvolutionStackKernels"/>, the batch split over the given number of threads. Same numbers as the six TorchSharp operations
/// (tests compare outputs and gradients), without their per-operation overhead and their batch-sized intermediates.
/// </summary>
internal sealed class FusedConvolutionStack : autograd.SingleTensorFunction<FusedConvolutionStack>
{
    private const string Saved = "activations";

    /// <inheritdoc />
    public override string Name => nameof(FusedConvolutionStack);

    /// <summary>Features of <paramref name="images"/> without recording anything for a backward pass.</summary>
    public static Tensor Infer(Tensor images, Tensor w1, Tensor b1, Tensor w2, Tensor b2, int threads)
    {
        var (input, count) = Check(images);
        var features = empty(count, Kernels.Features);
        Run(input, Pack(w1, b1, w2, b2), features, saved: null, BatchPartition.Workers(count, threads));
        return features;
    }

    /// <inheritdoc />
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (input, count) = Check((Tensor)vars[0]);
        var packed = Pack((Tensor)vars[1], (Tensor)vars[2], (Tensor)vars[3], (Tensor)vars[4]);
        var features = empty(count, Kernels.Features);
        var activations = new Activations(count);
        var workers = BatchPartition.Workers(count, (int)vars[5]);
        Run(input, packed, features, activations, workers);
        ctx.save_for_backward([input, features]);
        ctx.save_data(Saved, (packed, activations, workers));
        return features;
    }

    /// <inheritdoc />
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var saved = ctx.get_saved_variables();
        var (packed, activations, workers) = ((float[], Activations, int))ctx.get_data(Saved);
        using var featureGradient = grad_output.contiguous();
        var count = (int)saved[0].shape[0];
        var sums = new float[workers][];
        BatchPartition.ForEach(count, workers, (worker, range) =>
            sums[worker] = BackwardRange(saved[0], saved[1], featureGradient, packed, activations, range));
        activations.Dispose();
        var total = sums[0];
        for (var w = 1; w < workers; w++)
        {
            for (var i = 0; i < total.Length; i++)
                total[i] += sums[w][i];
        }
        return [null!, .. Gradients(total), null!];
    }

    private static (Tensor Input, int Count) Check(Tensor images)
    {
        if (images.dim() != 4 || images.shape[1] != 1 || images.shape[2] != Kernels.Image || images.shape[3] != Kernels.Image)
            throw new ArgumentException($"expected images [N, 1, 28, 28], got [{string.Join(", ", images.shape)}]", nameof(images));
        if (images.dtype != ScalarType.Float32 || images.device_type != DeviceType.CPU)
            throw new ArgumentException("expected float32 images on the CPU", nameof(images));
        return (images.contiguous(), (int)images.shape[0]);
    }

    private static float[] Pack(Tensor w1, Tensor b1, Tensor w2, Tensor b2)
    {
        var packed = new float[Kernels.PackedSize];
        using var noGrad = no_grad();
        Kernels.PackWeights(Floats(w1), Floats(b1), Floats(w2), Floats(b2), packed);
        return packed;
    }

    /// <summary>A copy of <paramref name="t"/>'s values, row-major.</summary>
    internal static float[] Floats(Tensor t)
    {
        using var contiguous = t.detach().contiguous();
        return contiguous.data<float>().ToArray();
    }

    /// <summary>The forward pass; records into <paramref name="saved"/> for backward, or (null) reuses one image's worth per worker.</summary>
    private static void Run(Tensor input, float[] packed, Tensor features, Activations? saved, int workers) =>
        BatchPartition.ForEach((int)input.shape[0], workers, (_, range) => ForwardRange(input, packed, features, saved, range));

    private static unsafe void ForwardRange(Tensor input, float[] packed, Tensor features, Activations? saved, (int Start, int End) range)
    {
        var scratch = ArrayPool<float>.Shared.Rent(Kernels.ScratchSize);
        var own = saved is null ? new Activations(1) : null;
        var activations = saved ?? own!;
        try
        {
            fixed (float* p = packed, s = scratch, pool1 = activations.Pool1)
            fixed (int* arg1 = activations.Arg1, arg2 = activations.Arg2)
            {
                float* images = TensorMemory.Address(input), outputs = TensorMemory.Address(features);
                for (var n = range.Start; n < range.End; n++)
                {
                    var slot = own is null ? n : 0;
                    Kernels.Forward(images + n * 784, p, s, outputs + n * Kernels.Features,
                        pool1 + (long)slot * Kernels.Pool1Size, arg1 + (long)slot * Kernels.Pool1Size, arg2 + (long)slot * Kernels.Pool2ArgSize);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
            own?.Dispose();
        }
    }

    private const int Gradient1Size = Kernels.Channels1 * Kernels.Kernel * 8;
    private const int Gradient2Size = Kernels.Channels2 * Kernels.Channels1 * Kernels.Kernel * 8;
    private const int SumsSize = Gradient1Size + Kernels.Channels1 + Gradient2Size + Kernels.Channels2;

    private static unsafe float[] BackwardRange(Tensor input, Tensor features, Tensor featureGradient, float[] packed,
        Activations activations, (int Start, int End) range)
    {
        var sums = new float[SumsSize];
        var scratch = ArrayPool<float>.Shared.Rent(Kernels.ScratchSize);
        try
        {
            fixed (float* p = packed, s = scratch, sum = sums, pool1 = activations.Pool1)
            fixed (int* arg1 = activations.Arg1, arg2 = activations.Arg2)
            {
                float* images = TensorMemory.Address(input), outputs = TensorMemory.Address(features), gradients = TensorMemory.Address(featureGradient);
                float* g1 = sum, b1 = g1 + Gradient1Size, g2 = b1 + Kernels.Channels1, b2 = g2 + Gradient2Size;
                for (var n = range.Start; n < range.End; n++)
                {
                    Kernels.Backward(images + n * 784, p, s, outputs + n * Kernels.Features, gradients + n * Kernels.Features,
                        pool1 + (long)n * Kernels.Pool1Size, arg1 + (long)n * Kernels.Pool1Size, arg2 + (long)n * Kernels.Pool2ArgSize,
                        g1, b1, g2, b2);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
        return sums;
    }

    /// <summary>The summed accumulators as conv1.weight, conv1.bias, conv2.weight and conv2.bias gradients.</summary>
    private static Tensor[] Gradients(float[] sums)
    {
        var w1 = new float[Kernels.Channels1 * 25];
        var w2 = new float[Kernels.Channels2 * Kernels.Channels1 * 25];
        for (var row = 0; row < Kernels.Channels1 * Kernels.Kernel; row++)
        {
            for (var kx = 0; kx < Kernels.Kernel; kx++)
                w1[row * Kernels.Kernel + kx] = sums[row * 8 + kx];
        }
        for (var row = 0; row < Kernels.Channels2 * Kernels.Channels1 * Kernels.Kernel; row++)
        {
            for (var kx = 0; kx < Kernels.Kernel; kx++)
                w2[row * Kernels.Kernel + kx] = sums[Gradient1Size + Kernels.Channels1 + row * 8 + kx];
        }
        var b1 = sums.AsSpan(Gradient1Size, Kernels.Channels1).ToArray();
        var b2 = sums.AsSpan(Gradient1Size + Kernels.Channels1 + Gradient2Size, Kernels.Channels2).ToArray();
        return
        [
            tensor(w1, [Kernels.Channels1, 1, Kernels.Kernel, Kernels.Kernel]),
            tensor(b1),
            tensor(w2, [Kernels.Channels2, Kernels.Channels1, Kernels.Kernel, Kernels.Kernel]),
            tensor(b2),
        ];
    }

    /// <summary>What the forward pass records per image for the backward pass, in pooled arrays.</summary>
    private sealed class Activations(int count) : IDisposable
    {
        public float[] Pool1 { get; } = ArrayPool<float>.Shared.Rent(Math.Max(1, count) * Kernels.Pool1Size);

        public int[] Arg1 { get; } = ArrayPool<int>.Shared.Rent(Math.Max(1, count) * Kernels.Pool1Size);

        public int[] Arg2 { get; } = ArrayPool<int>.Shared.Rent(Math.Max(1, count) * Kernels.Pool2ArgSize);

        public void Dispose()
        {
            ArrayPool<float>.Shared.Return(Pool1);
            ArrayPool<int>.Shared.Return(Arg1);
            ArrayPool<int>.Shared.Return(Arg2);
        }
    }
}
