using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LeNet.Data;

/// <summary>
/// The distortions <c>--augment</c> offers, applied on the fly to each training batch; combine them with commas
/// (<c>--augment affine,elastic,thickness</c>).
/// </summary>
[Flags]
public enum AugmentationKind
{
    /// <summary>Train on the images as they are.</summary>
    None = 0,

    /// <summary>
    /// LeCun et al. (1998), §III.C: random translation, scaling, squeezing (horizontal compression with vertical
    /// elongation or the reverse) and horizontal shearing.
    /// </summary>
    Affine = 1,

    /// <summary>Simard, Steinkraus and Platt (2003): a smoothed random displacement field (α = 34, σ = 4).</summary>
    Elastic = 2,

    /// <summary>
    /// Stroke thickness by grey-level morphology: a fifth of the digits dilated by 2 × 2, a tenth by 3 × 3 (felt
    /// pens, bold scans), a tenth eroded by 2 × 2 (fine pens); the rest unchanged.
    /// </summary>
    Thickness = 4,
}

/// <summary>
/// Distorts batches with tensor operations (<c>affine_grid</c> / <c>grid_sample</c>; a single image's affine
/// distortion with <see cref="AffineWarp"/>, the same warp without their per-call costs), seeded per (seed, epoch,
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
        var stream = Training.SeedStream.Of(seed, epoch, batch);
        var random = new Random((int)(stream ^ (stream >> 32)));
        var (n, height, width) = ((int)inputs.shape[0], inputs.shape[2], inputs.shape[3]);
        if (kind == AugmentationKind.Affine && n == 1 && inputs.device_type == DeviceType.CPU && inputs.dtype == ScalarType.Float32)
            return AffineWarp.Apply(inputs, Thetas(n, random), (float)background); // one example per step: no per-call costs
        var x = inputs;
        if ((kind & (AugmentationKind.Affine | AugmentationKind.Elastic)) != 0)
        {
            var grid = kind.HasFlag(AugmentationKind.Affine)
                ? AffineGrid(n, height, width, random, inputs.device)
                : F.affine_grid(eye(2, 3, device: inputs.device).expand(n, 2, 3), [n, 1, height, width], align_corners: false);
            if (kind.HasFlag(AugmentationKind.Elastic))
                grid = grid.add(ElasticDisplacement(n, height, width, random, inputs.device), Scalars.One);
            // grid_sample pads with zeros; shift so that zero is the background, then shift back.
            using var shift = background.ToScalar();
            x = F.grid_sample(x.sub(shift), grid, align_corners: false).add_(shift, Scalars.One);
        }
        return kind.HasFlag(AugmentationKind.Thickness) ? Thicken(x, random) : x;
    }

    /// <summary>Per digit: dilated 2 × 2 (20 %), dilated 3 × 3 (10 %), eroded 2 × 2 (10 %) or unchanged.</summary>
    private static Tensor Thicken(Tensor x, Random random)
    {
        var (height, width) = (x.shape[2], x.shape[3]);
        var chosen = new List<long>[4];
        for (var k = 0; k < chosen.Length; k++)
            chosen[k] = [];
        for (var i = 0; i < x.shape[0]; i++)
        {
            var u = random.NextDouble();
            chosen[u < 0.2 ? 1 : u < 0.3 ? 2 : u < 0.4 ? 3 : 0].Add(i);
        }
        // Ink is bright after normalisation too, so a maximum thickens strokes and a minimum thins them. Each
        // operation runs on its own digits only.
        var result = x.clone();
        Tensor Crop(Tensor t) => t.narrow(2, 0, height).narrow(3, 0, width);
        Func<Tensor, Tensor>[] operations =
        [
            t => t,
            t => Crop(F.max_pool2d(t, 2, stride: 1, padding: 1)),
            t => F.max_pool2d(t, 3, stride: 1, padding: 1),
            t => Crop(F.max_pool2d(t.neg(), 2, stride: 1, padding: 1)).neg(),
        ];
        for (var k = 1; k < operations.Length; k++)
        {
            if (chosen[k].Count == 0)
                continue;
            var indices = tensor(chosen[k].ToArray(), device: x.device);
            result.index_copy_(0, indices, operations[k](x.index_select(0, indices)));
        }
        return result;
    }

    private static double Uniform(Random random, double range) => (random.NextDouble() * 2 - 1) * range;

    private static Tensor AffineGrid(int n, long height, long width, Random random, Device device)
    {
        var matrices = tensor(Thetas(n, random), [n, 2, 3], device: device);      // [N, 2, 3]
        return F.affine_grid(matrices, [n, 1, height, width], align_corners: false);
    }

    /// <summary>Each image's random 2 × 3 matrix from output to input coordinates, six floats an image.</summary>
    private static float[] Thetas(int n, Random random)
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
        return theta;
    }

    /// <summary>A smoothed random displacement field in grid units, <c>[N, H, W, 2]</c>, to add to a sampling grid.</summary>
    /// <remarks>
    /// The field is smooth at σ = 4 px, so it is drawn at half resolution (noise at every other pixel, smoothed with
    /// σ = 2, then interpolated back): a quarter of the noise, half the taps, and the same statistics — each coarse
    /// noise value stands for four fine ones, whose smoothed sum has half their spread, hence the halved gain.
    /// </remarks>
    private static Tensor ElasticDisplacement(int n, long height, long width, Random random, Device device)
    {
        var (coarseHeight, coarseWidth) = ((height + 1) / 2, (width + 1) / 2);
        var noise = new float[n * 2 * coarseHeight * coarseWidth];
        for (var i = 0; i < noise.Length; i++)
            noise[i] = (float)(random.NextDouble() * 2 - 1);
        // The Gaussian is separable: a column pass then a row pass.
        var (column, row) = GaussianKernels(ElasticSigma / 2, ElasticAlpha * 2 / width / 2, device); // smooths, scales to α px, px → grid units
        var radius = column.shape[2] / 2;
        var smoothed = F.conv2d(tensor(noise, [n, 2, coarseHeight, coarseWidth], device: device), column, padding: [radius, 0], groups: 2);
        var displacement = F.conv2d(smoothed, row, padding: [0, radius], groups: 2);
        var full = F.interpolate(displacement, [height, width], mode: InterpolationMode.Bilinear, align_corners: false);
        return full.permute(0, 2, 3, 1);                                          // [N, H, W, 2]
    }

    /// <summary>
    /// A normalised 2-D Gaussian (σ in pixels) times <paramref name="gain"/> as its column and row factors, one copy
    /// per displacement axis: <c>[2, 1, size, 1]</c> and <c>[2, 1, 1, size]</c>.
    /// </summary>
    private static (Tensor Column, Tensor Row) GaussianKernels(double sigma, double gain, Device device)
    {
        var radius = (int)Math.Ceiling(3 * sigma);
        var size = 2 * radius + 1;
        var weights = new double[size];
        for (var i = 0; i < size; i++)
            weights[i] = Math.Exp(-(i - radius) * (i - radius) / (2 * sigma * sigma));
        var total = weights.Sum();
        // The 2-D kernel is column × row, and its gain is split evenly between them.
        var factor = weights.Select(w => (float)(w / total * Math.Sqrt(gain))).ToArray();
        var column = tensor(factor, [1, 1, size, 1], device: device).expand(2, 1, size, 1).contiguous();
        var row = tensor(factor, [1, 1, 1, size], device: device).expand(2, 1, 1, size).contiguous();
        return (column, row);
    }
}
