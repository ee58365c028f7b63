using TorchSharp;
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
        // Random parameters are drawn in C# (seeded per batch) and handed to libtorch as whole tensors: no implicit
        // scalars, and no tiny tensor ops per parameter.
        var stream = (seed * 1_000_003 + epoch) * 100_003 + batch; // a distinct, process-independent seed per batch
        var random = new Random((int)(stream ^ (stream >> 32)));
        var (n, height, width) = ((int)inputs.shape[0], inputs.shape[2], inputs.shape[3]);
        var grid = kind == AugmentationKind.Affine
            ? AffineGrid(n, height, width, random, inputs.device)
            : ElasticGrid(n, height, width, random, inputs.device);
        // grid_sample pads with zeros; shift so that zero is the background, then shift back.
        using var shift = background.ToScalar();
        return F.grid_sample(inputs.sub(shift), grid, align_corners: false).add_(shift);
    }

    private static double Uniform(Random random, double range) => (random.NextDouble() * 2 - 1) * range;

    private static Tensor AffineGrid(int n, long height, long width, Random random, Device device)
    {
        var theta = new float[n * 6];
        for (var i = 0; i < n; i++)
        {
            var scale = 1 + Uniform(random, MaxScale);
            var squeeze = 1 + Uniform(random, MaxSqueeze);
            var shear = Uniform(random, MaxShear);
            // theta maps output coordinates to input coordinates, so the inverse scale enlarges the digit.
            var (sx, sy) = (1 / (scale * squeeze), squeeze / scale);
            theta[6 * i] = (float)sx;
            theta[6 * i + 1] = (float)(shear * sy);
            theta[6 * i + 2] = (float)Uniform(random, MaxShift);
            theta[6 * i + 4] = (float)sy;
            theta[6 * i + 5] = (float)Uniform(random, MaxShift);
        }
        var matrices = tensor(theta, [n, 2, 3], device: device);                  // [N, 2, 3]
        return F.affine_grid(matrices, [n, 1, height, width], align_corners: false);
    }

    private static Tensor ElasticGrid(int n, long height, long width, Random random, Device device)
    {
        var noise = new float[n * 2 * height * width];
        for (var i = 0; i < noise.Length; i++)
            noise[i] = (float)(random.NextDouble() * 2 - 1);
        var kernel = GaussianKernel(ElasticSigma, ElasticAlpha * 2 / width, device); // smooths, scales to α px, px → grid units
        var padding = kernel.shape[2] / 2;
        var displacement = F.conv2d(tensor(noise, [n, 2, height, width], device: device), kernel, padding: [padding, padding], groups: 2);
        var identity = F.affine_grid(eye(2, 3, device: device).expand(n, 2, 3), [n, 1, height, width], align_corners: false);
        return identity + displacement.permute(0, 2, 3, 1);                       // [N, H, W, 2]
    }

    /// <summary>A normalised 2-D Gaussian (σ in pixels) times <paramref name="gain"/>, one copy per displacement axis.</summary>
    private static Tensor GaussianKernel(double sigma, double gain, Device device)
    {
        var radius = (int)Math.Ceiling(3 * sigma);
        var size = 2 * radius + 1;
        var weights = new float[size * size];
        double total = 0;
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                total += weights[y * size + x] = (float)Math.Exp(-((x - radius) * (x - radius) + (y - radius) * (y - radius)) / (2 * sigma * sigma));
        for (var i = 0; i < weights.Length; i++)
            weights[i] = (float)(weights[i] / total * gain);
        return tensor(weights, [1, 1, size, size], device: device).expand(2, 1, size, size).contiguous();
    }
}
