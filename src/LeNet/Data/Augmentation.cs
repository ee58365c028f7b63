using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LeNet.Data;

/// <summary>The distortions <c>--augment</c> offers, applied on the fly to each training batch.</summary>
public enum AugmentationKind
{
    /// <summary>Train on the images as they are.</summary>
    None,

    /// <summary>
    /// LeCun et al. (1998), §III.C: random translation, scaling, squeezing (horizontal compression with vertical
    /// elongation or the reverse) and horizontal shearing.
    /// </summary>
    Affine,

    /// <summary>Simard, Steinkraus and Platt (2003): a smoothed random displacement field (α = 34, σ = 4).</summary>
    Elastic,
}

/// <summary>
/// Distorts batches with tensor operations (<c>affine_grid</c> / <c>grid_sample</c>), seeded per (seed, epoch,
/// batch) so a resumed run draws exactly the distortions the uninterrupted run would have.
/// </summary>
public sealed class Augmenter(AugmentationKind kind, long seed, double background)
{
    /// <summary>Largest shift, as a fraction of the half-width: 2 px of 28 (the ±2 px of the paper's figures).</summary>
    private const double MaxShift = 2.0 / 14;
    /// <summary>Scaling in [0.9, 1.1].</summary>
    private const double MaxScale = 0.1;
    /// <summary>Squeezing: x scaled by (1 + s), y by 1 / (1 + s), s in [−0.15, 0.15].</summary>
    private const double MaxSqueeze = 0.15;
    /// <summary>Horizontal shear in [−0.25, 0.25] (x += shear · y).</summary>
    private const double MaxShear = 0.25;
    /// <summary>Simard et al.'s elastic parameters for MNIST, in pixels.</summary>
    private const double ElasticAlpha = 34, ElasticSigma = 4;

    /// <summary>The kind of distortion.</summary>
    public AugmentationKind Kind => kind;

    /// <summary>Distorts normalised inputs <c>[N, 1, H, W]</c>; the result is in the caller's dispose scope.</summary>
    public Tensor Apply(Tensor inputs, int epoch, int batch)
    {
        if (kind == AugmentationKind.None)
            return inputs;
        using var generator = new Generator((ulong)((seed * 1_000_003 + epoch) * 100_003 + batch));
        var n = inputs.shape[0];
        var grid = kind == AugmentationKind.Affine
            ? AffineGrid(inputs, n, generator)
            : ElasticGrid(inputs, n, generator);
        // grid_sample pads with zeros; shift so that zero is the background, then shift back.
        return F.grid_sample(inputs - background, grid, align_corners: false) + background;
    }

    private static Tensor AffineGrid(Tensor inputs, long n, Generator generator)
    {
        Tensor Uniform(double range) => (rand(n, generator: generator, device: inputs.device) * 2 - 1) * range;
        var scale = 1 + Uniform(MaxScale);
        var squeeze = 1 + Uniform(MaxSqueeze);
        var shear = Uniform(MaxShear);
        var (shiftX, shiftY) = (Uniform(MaxShift), Uniform(MaxShift));
        // theta maps output coordinates to input coordinates, so the inverse scale enlarges the digit.
        var sx = 1 / (scale * squeeze);
        var sy = squeeze / scale;
        var zero = zeros(n, device: inputs.device);
        var theta = stack([sx, shear * sy, shiftX, zero, sy, shiftY], 1).view(n, 2, 3); // [N, 2, 3]
        return F.affine_grid(theta, [n, 1, inputs.shape[2], inputs.shape[3]], align_corners: false);
    }

    private static Tensor ElasticGrid(Tensor inputs, long n, Generator generator)
    {
        var (height, width) = (inputs.shape[2], inputs.shape[3]);
        var noise = rand([n, 2, height, width], generator: generator, device: inputs.device) * 2 - 1;
        var kernel = GaussianKernel(ElasticSigma, inputs.device);               // [2, 1, K, K]
        var padding = kernel.shape[2] / 2;
        var displacement = F.conv2d(noise, kernel, padding: [padding, padding], groups: 2) * ElasticAlpha; // pixels, [N, 2, H, W]
        var scale = tensor(new float[] { 2f / width, 2f / height }, device: inputs.device).view(1, 1, 1, 2);
        var identity = F.affine_grid(eye(2, 3, device: inputs.device).expand(n, 2, 3), [n, 1, height, width], align_corners: false);
        return identity + displacement.permute(0, 2, 3, 1) * scale;                // [N, H, W, 2]
    }

    private static Tensor GaussianKernel(double sigma, Device device)
    {
        var radius = (int)Math.Ceiling(3 * sigma);
        var x = arange(-radius, radius + 1, dtype: ScalarType.Float32, device: device);
        var g = exp(-(x * x) / (2 * sigma * sigma));
        g /= g.sum();
        var kernel = outer(g, g);
        return kernel.expand(2, 1, 2 * radius + 1, 2 * radius + 1).contiguous();
    }
}
