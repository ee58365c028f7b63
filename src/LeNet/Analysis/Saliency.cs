using TorchSharp;
using static TorchSharp.torch;

namespace LeNet.Analysis;

/// <summary>Which input pixels drove a decision.</summary>
public static class Saliency
{
    /// <summary>
    /// Vanilla gradient saliency (Simonyan et al., 2014): |∂ score of <paramref name="target"/> / ∂ input| per pixel,
    /// scaled to [0, 1]. <paramref name="input"/> is one normalised image <c>[1, 1, H, W]</c>.
    /// </summary>
    public static float[] Gradient(nn.Module<Tensor, Tensor> model, Tensor input, int target)
    {
        using var scope = NewDisposeScope();
        var wasTraining = model.training;
        model.eval();
        var x = input.detach().clone().requires_grad_(true);
        var scores = model.call(x);
        scores[0, target].backward();
        model.train(wasTraining);
        var magnitude = x.grad!.abs()[0, 0].contiguous().data<float>().ToArray();
        var max = magnitude.Max();
        return max > 0 ? [.. magnitude.Select(v => v / max)] : magnitude;
    }

    /// <summary>
    /// Occlusion sensitivity (Zeiler and Fergus, 2014): how much the target's probability drops when a
    /// <paramref name="patch"/> × <paramref name="patch"/> square around each pixel is set to background, scaled to [0, 1].
    /// </summary>
    public static float[] Occlusion(nn.Module<Tensor, Tensor> model, Tensor input, int target, double background, int patch = 6)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var wasTraining = model.training;
        model.eval();
        var (height, width) = ((int)input.shape[2], (int)input.shape[3]);
        var baseline = model.call(input).softmax(1)[0, target].item<float>();
        // All occluded copies in one batch: [H·W, 1, H, W].
        var copies = input.expand(height * width, 1, height, width).clone();
        var mask = zeros([height * width, 1, height, width], dtype: ScalarType.Bool);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                mask[y * width + x, 0, TensorIndex.Slice(Math.Max(0, y - patch / 2), Math.Min(height, y + patch / 2 + 1)), TensorIndex.Slice(Math.Max(0, x - patch / 2), Math.Min(width, x + patch / 2 + 1))] = tensor(true);
        using var fill = background.ToScalar();
        copies.masked_fill_(mask, fill);
        var probabilities = model.call(copies).softmax(1)[TensorIndex.Colon, target].data<float>().ToArray();
        model.train(wasTraining);
        var drops = probabilities.Select(p => Math.Max(0, baseline - p)).ToArray();
        var max = drops.Max();
        return max > 0 ? [.. drops.Select(d => d / max)] : drops;
    }
}
