using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LeNet.Models.Fast;
using LeNet.Models.Paper;
using TorchSharp;
using TorchSharp.Modules;
using static LeNet.TensorMemory;
using static TorchSharp.torch;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace LeNet.Training;

/// <summary>
/// A training step of the paper network computed by <see cref="PaperKernels"/> instead of TorchSharp's autograd:
/// forward, loss and backward. With stochastic diagonal Levenberg–Marquardt the update w_k ← w_k − η·B·ḡ_k / (μ + h_kk)
/// too, written straight into the parameters' memory; any other optimizer is handed the batch's mean gradient and
/// takes its own step. The same step as <see cref="Trainer"/>'s plain one (tests compare the weights after steps),
/// about ten times faster at one example per step, where TorchSharp's per-operation overhead is the whole cost, and
/// about twice as fast at 64. The sampled curvature estimate before each SDLM pass runs on the kernels as well.
/// </summary>
internal sealed unsafe class FusedPaperStep
{
    private readonly Parameter[] _parameters;
    private readonly OptimizerHelper _optimizer;
    private readonly float[] _gradients = GC.AllocateArray<float>(PaperKernels.ParameterCount, pinned: true);
    private readonly float[] _workspace = GC.AllocateArray<float>(PaperKernels.WorkspaceSize, pinned: true);
    private readonly float[] _codes;

    private readonly float*[] _weights;
    private readonly Tensor?[] _inverses;
    private readonly float*[] _inverseAddresses;

    /// <remarks>
    /// The parameters' addresses are taken once: training changes their values in place (steps, <c>copy_</c> when a
    /// checkpoint is restored), never their storage.
    /// </remarks>
    private FusedPaperStep(PaperLeNet5 network, OptimizerHelper optimizer)
    {
        _parameters = [.. network.parameters()];
        _codes = network.OutputCodes;
        _optimizer = optimizer;
        _weights = new float*[_parameters.Length];
        for (var i = 0; i < _parameters.Length; i++)
            _weights[i] = Address(_parameters[i]);
        _inverses = new Tensor?[_parameters.Length];
        _inverseAddresses = new float*[_parameters.Length];
    }

    /// <summary>
    /// The fused step for <paramref name="model"/> trained by <paramref name="optimizer"/>, or null where it does not
    /// apply: another network, a GPU, no 256-bit SIMD, or batches that carry outliers (their loss differs).
    /// </summary>
    public static FusedPaperStep? For(nn.Module model, OptimizerHelper optimizer, DeviceType device, bool outliers) =>
        model is PaperLeNet5 network && device == DeviceType.CPU && !outliers
        && PaperKernels.IsSupported && network.parameters().Select(p => (int)p.numel()).SequenceEqual(PaperKernels.Sizes)
            ? new FusedPaperStep(network, optimizer)
            : null;

    /// <summary>
    /// Trains on one batch (<c>[B, 1, 28, 28]</c> float inputs, int64 labels 0–9): returns its mean loss, how many it
    /// read right before the step, and B (every example is labelled).
    /// </summary>
    public (float Loss, long Correct, long Labelled) Step(Tensor inputs, Tensor labels)
    {
        var (loss, correct, count) = Gradients(inputs, labels);
        if (_optimizer is DiagonalLevenbergMarquardt sdlm)
            Update(sdlm, count);
        else
            HandOver(count);
        return (loss / count, correct, count);
    }

    /// <summary>The SDLM update of every parameter from the gradient sums of <paramref name="count"/> examples, which it clears.</summary>
    private void Update(DiagonalLevenbergMarquardt sdlm, int count)
    {
        var rate = (float)(-OptimizerFactory.CurrentLearningRate(sdlm) * sdlm.ExamplesPerStep / count);
        fixed (float* sums = _gradients)
        {
            var gradient = sums;
            for (var i = 0; i < _parameters.Length; i++)
            {
                var length = PaperKernels.Sizes[i];
                UpdateAndClear(_weights[i], gradient, InverseCurvature(sdlm, i), rate, length);
                gradient += length;
            }
        }
    }

    /// <summary>
    /// The mean gradient of <paramref name="count"/> examples written into every parameter's <c>grad</c> (the sums
    /// cleared), then the optimizer's own step: what it would have done after autograd's backward pass.
    /// </summary>
    private void HandOver(int count)
    {
        var sums = _gradients.AsSpan();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var (parameter, length) = (_parameters[i], PaperKernels.Sizes[i]);
            if (parameter.grad is not { } grad)
            {
                parameter.grad = zeros_like(parameter); // the parameter keeps its own reference; this one goes with the batch's scope
                grad = parameter.grad!;
            }
            TensorPrimitives.Divide(sums[..length], count, Floats(grad));
            sums[..length].Clear();
            sums = sums[length..];
        }
        _optimizer.step();
    }

    /// <summary>w += rate · g / (μ + h) for every element, and g = 0 for the next batch.</summary>
    private static void UpdateAndClear(float* weights, float* gradient, float* inverse, float rate, int length)
    {
        var i = 0;
        var r = Vector256.Create(rate);
        for (; i <= length - 8; i += 8)
        {
            var step = Vector256.Load(gradient + i) * Vector256.Load(inverse + i);
            Vector256.FusedMultiplyAdd(step, r, Vector256.Load(weights + i)).Store(weights + i);
            Vector256<float>.Zero.Store(gradient + i);
        }
        for (; i < length; i++)
        {
            weights[i] += rate * gradient[i] * inverse[i];
            gradient[i] = 0;
        }
    }

    /// <summary>1 / (μ + h) of parameter <paramref name="i"/>; the optimizer keeps one tensor per pass, so its address is kept too.</summary>
    private float* InverseCurvature(DiagonalLevenbergMarquardt sdlm, int i)
    {
        var inverse = sdlm.InverseDampedCurvature(_parameters[i]);
        if (!ReferenceEquals(inverse, _inverses[i]))
        {
            _inverses[i] = inverse;
            _inverseAddresses[i] = Address(inverse);
        }
        return _inverseAddresses[i];
    }

    /// <summary>
    /// Sums the examples' gradients into <see cref="GradientSums"/> (the batch's mean gradient times B), which holds
    /// zeros before (a step clears it as it applies it); returns the summed loss, the examples read right and the batch size.
    /// </summary>
    internal (float LossSum, long Correct, int Count) Gradients(Tensor inputs, Tensor labels)
    {
        var (imagesCopy, labelsCopy) = KernelLayout(inputs, labels);
        using var images = imagesCopy;
        using var classes = labelsCopy;
        var pixels = Floats(images ?? inputs);
        var answers = MemoryMarshal.Cast<byte, long>((classes ?? labels).bytes);
        float loss = 0;
        long correct = 0;
        fixed (float* image = pixels, sums = _gradients, workspace = _workspace, codes = _codes)
        fixed (float** parameters = _weights)
        {
            for (var n = 0; n < answers.Length; n++)
            {
                var (value, predicted) = PaperKernels.Accumulate(image + n * 784, (int)answers[n], parameters, codes, sums, workspace);
                loss += value;
                correct += predicted == answers[n] ? 1 : 0;
            }
        }
        return (loss, correct, answers.Length);
    }

    /// <summary>
    /// The network on a labelled set (<c>[N, 1, 28, 28]</c> float inputs, int64 labels), one example at a time on the
    /// kernels: the same result as <see cref="Evaluator.Evaluate"/> on the TorchSharp network, several times faster on
    /// one thread.
    /// </summary>
    public EvaluationResult Evaluate(Tensor inputs, Tensor labels)
    {
        var (imagesCopy, labelsCopy) = KernelLayout(inputs, labels);
        using var images = imagesCopy;
        using var classes = labelsCopy;
        var pixels = Floats(images ?? inputs);
        var truth = MemoryMarshal.Cast<byte, long>((classes ?? labels).bytes);
        var (count, lossSum, correct) = (truth.Length, 0.0, 0);
        var (labelled, predictions, confidences) = (new int[count], new int[count], new float[count]);
        fixed (float* image = pixels, workspace = _workspace, codes = _codes)
        fixed (float** parameters = _weights)
        {
            for (var n = 0; n < count; n++)
            {
                var (loss, predicted, confidence) = PaperKernels.Evaluate(image + n * 784, (int)truth[n], parameters, codes, workspace);
                (labelled[n], predictions[n], confidences[n]) = ((int)truth[n], predicted, confidence);
                lossSum += loss;
                correct += predicted == labelled[n] ? 1 : 0;
            }
        }
        return new EvaluationResult(count == 0 ? 0 : lossSum / count, count == 0 ? 0 : (double)correct / count, labelled, predictions, confidences);
    }

    /// <summary>
    /// The sampled curvature estimate on the kernels: what <see cref="CurvatureEstimator.Estimate"/> computes for the
    /// network from <paramref name="examples"/> (<c>[N, 1, 28, 28]</c>), with the same directions drawn from
    /// <paramref name="generator"/>, about ten times faster on one thread. One tensor per parameter, in
    /// <c>parameters()</c> order.
    /// </summary>
    public IReadOnlyList<Tensor> Curvature(Tensor examples, Generator generator)
    {
        using var images = ImageLayout(examples);
        var pixels = Floats(images ?? examples);
        var count = pixels.Length / 784;
        var (one, sums) = (GC.AllocateArray<float>(PaperKernels.ParameterCount, pinned: true), new float[PaperKernels.ParameterCount]);
        fixed (float* image = pixels, gradient = one, workspace = _workspace, codes = _codes)
        fixed (float** parameters = _weights)
        {
            for (var n = 0; n < count; n++)
            {
                using var direction = CurvatureEstimator.SquaredDistanceDirection([1, 84], ScalarType.Float32, generator);
                Array.Clear(one);
                fixed (float* v = Floats(direction))
                    PaperKernels.AccumulateFeatureGradient(image + n * 784, v, parameters, codes, gradient, workspace);
                TensorPrimitives.MultiplyAdd(one, one, sums, sums);
            }
        }
        TensorPrimitives.Divide(sums, count, sums);
        var estimates = new Tensor[_parameters.Length];
        for (var (i, offset) = (0, 0); i < _parameters.Length; offset += PaperKernels.Sizes[i++])
            estimates[i] = tensor(sums.AsSpan(offset, PaperKernels.Sizes[i]).ToArray(), _parameters[i].shape);
        return estimates;
    }

    /// <summary>
    /// Checks that <paramref name="inputs"/> are float images <c>[B, 1, 28, 28]</c> and returns copies of the inputs and
    /// labels laid out as the kernels read them (contiguous; labels int64), or null where the tensor already is.
    /// </summary>
    private static (Tensor? Images, Tensor? Labels) KernelLayout(Tensor inputs, Tensor labels) =>
        (ImageLayout(inputs), labels.dtype == ScalarType.Int64 && labels.is_contiguous() ? null : labels.to(ScalarType.Int64).contiguous());

    /// <summary>Checks that <paramref name="inputs"/> are float images <c>[B, 1, 28, 28]</c>; a contiguous copy, or null where they are.</summary>
    private static Tensor? ImageLayout(Tensor inputs)
    {
        var shape = inputs.shape;
        if (inputs.dtype != ScalarType.Float32 || shape.Length != 4 || shape[1] * shape[2] * shape[3] != 784)
            throw new ArgumentException($"expected float images [B, 1, 28, 28], got {inputs.dtype} [{string.Join(", ", shape)}]", nameof(inputs));
        return inputs.is_contiguous() ? null : inputs.contiguous();
    }

    /// <summary>The gradient sums of the last batch, parameter after parameter in <c>parameters()</c> order.</summary>
    internal ReadOnlySpan<float> GradientSums => _gradients;
}
