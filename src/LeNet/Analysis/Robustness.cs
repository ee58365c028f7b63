using LeNet.Models;
using LeNet.Training;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LeNet.Analysis;

/// <summary>Test accuracy under one perturbation of one amount.</summary>
public sealed record RobustnessPoint(string Perturbation, double Amount, double Accuracy);

/// <summary>How much a layer's output changes when the input shifts, plain and with the shift undone on the map.</summary>
/// <param name="RelativeChange">‖f(shifted x) − f(x)‖ / ‖f(x)‖, averaged over the images.</param>
/// <param name="AlignedChange">The same after shifting f(x) by the shift scaled to the map's resolution (only where that is a whole number of map pixels): near 0 means the layer is shift-equivariant.</param>
public sealed record FeatureShiftPoint(string Layer, int Shift, double RelativeChange, double? AlignedChange);

/// <summary>
/// Robustness experiments on a test set: accuracy as a function of shift, rotation, scale, noise and occlusion, and
/// the layer-by-layer change of the activations under shift. Perturbations are applied to pixels in [0, 1] (ink
/// bright, background 0) with affine_grid / grid_sample, then the model's normalisation.
/// </summary>
public static class Robustness
{
    /// <summary>The sweeps: name, amounts.</summary>
    public static readonly IReadOnlyList<(string Name, double[] Amounts)> Sweeps =
    [
        ("horizontal shift (px)", Range(-8, 8, 1)),
        ("vertical shift (px)", Range(-8, 8, 1)),
        ("rotation (degrees)", Range(-45, 45, 5)),
        ("scale", Range(0.5, 1.5, 0.1)),
        ("gaussian noise (σ)", Range(0, 1, 0.1)),
        ("occlusion (square side in px)", Range(0, 16, 2)),
    ];

    /// <summary>Accuracy for every amount of every sweep. <paramref name="pixels"/>: uint8 <c>[N, 1, 28, 28]</c>.</summary>
    public static IReadOnlyList<RobustnessPoint> Sweep(TrainedModel model, Tensor pixels, Tensor labels, long seed = 1)
    {
        var points = new List<RobustnessPoint>();
        foreach (var (name, amounts) in Sweeps)
        {
            foreach (var amount in amounts)
            {
                using var scope = NewDisposeScope();
                var perturbed = Perturb(ToUnit(pixels), name, amount, seed);
                var inputs = model.Metadata.Normalization.ApplyToUnit(perturbed);
                points.Add(new RobustnessPoint(name, amount, Evaluator.Evaluate(model.Network, inputs, labels, LossFunction.CrossEntropy, classes: model.Metadata.ClassNames.Count).Accuracy));
            }
        }
        return points;
    }

    /// <summary>Relative activation change per layer for horizontal shifts 0…<paramref name="maxShift"/> px.</summary>
    public static IReadOnlyList<FeatureShiftPoint> FeatureShift(TrainedModel model, Tensor pixels, int maxShift = 8)
    {
        using var scope = NewDisposeScope();
        var original = ToUnit(pixels);
        var reference = Activations.Capture(model.Inspected, model.Metadata.Normalization.ApplyToUnit(original));
        var points = new List<FeatureShiftPoint>();
        for (var shift = 0; shift <= maxShift; shift++)
        {
            using var inner = NewDisposeScope();
            var shifted = Activations.Capture(model.Inspected, model.Metadata.Normalization.ApplyToUnit(Shift(original, shift, 0))).ToDictionary(a => a.Layer, a => a.Output);
            foreach (var (layer, baseline) in reference)
            {
                var moved = shifted[layer];
                var norm = baseline.flatten(1).norm(1, false).add(Scalars.Tiny, Scalars.One); // [N]
                var change = (moved - baseline).flatten(1).norm(1, false).div(norm).mean().item<float>();
                double? aligned = null;
                if (baseline.dim() == 4 && shift * baseline.shape[3] % pixels.shape[3] == 0)
                {
                    var mapShift = (int)(shift * baseline.shape[3] / pixels.shape[3]);
                    aligned = (moved - Roll(baseline, mapShift)).flatten(1).norm(1, false).div(norm).mean().item<float>();
                }
                points.Add(new FeatureShiftPoint(layer, shift, change, aligned));
            }
        }
        return points;
    }

    private static Tensor ToUnit(Tensor pixels)
    {
        using var scale = (1.0 / 255).ToScalar();
        return pixels.to(ScalarType.Float32).mul(scale);
    }

    private static Tensor Perturb(Tensor images, string sweep, double amount, long seed) => sweep switch
    {
        _ when sweep.StartsWith("horizontal", StringComparison.Ordinal) => Shift(images, (int)amount, 0),
        _ when sweep.StartsWith("vertical", StringComparison.Ordinal) => Shift(images, 0, (int)amount),
        _ when sweep.StartsWith("rotation", StringComparison.Ordinal) => Affine(images, Math.Cos(amount * Math.PI / 180), -Math.Sin(amount * Math.PI / 180), Math.Sin(amount * Math.PI / 180), Math.Cos(amount * Math.PI / 180), 0, 0),
        _ when sweep.StartsWith("scale", StringComparison.Ordinal) => Affine(images, 1 / amount, 0, 0, 1 / amount, 0, 0),
        _ when sweep.StartsWith("gaussian", StringComparison.Ordinal) => Noise(images, amount, seed),
        _ => Occlude(images, (int)amount, seed),
    };

    /// <summary>Moves content right by <paramref name="dx"/> and down by <paramref name="dy"/> pixels, filling with background.</summary>
    private static Tensor Shift(Tensor images, int dx, int dy) =>
        Affine(images, 1, 0, 0, 1, -2.0 * dx / images.shape[3], -2.0 * dy / images.shape[2]);

    /// <summary>Resamples with theta = [[a, b, tx], [c, d, ty]] (output → input coordinates).</summary>
    private static Tensor Affine(Tensor images, double a, double b, double c, double d, double tx, double ty)
    {
        var n = images.shape[0];
        var theta = tensor(new[] { (float)a, (float)b, (float)tx, (float)c, (float)d, (float)ty }, [1, 2, 3]).expand(n, 2, 3);
        var grid = F.affine_grid(theta, images.shape, align_corners: false);
        return F.grid_sample(images, grid, align_corners: false);
    }

    private static Tensor Noise(Tensor images, double sigma, long seed)
    {
        using var generator = new Generator((ulong)seed);
        using var scale = sigma.ToScalar();
        using var low = 0.0.ToScalar();
        using var high = 1.0.ToScalar();
        return images.add(randn(images.shape, generator: generator).mul(scale), Scalars.One).clamp(low, high);
    }

    /// <summary>A background square of side <paramref name="side"/> at a seeded random place on each image.</summary>
    private static Tensor Occlude(Tensor images, int side, long seed)
    {
        if (side == 0)
            return images;
        var (n, height, width) = ((int)images.shape[0], (int)images.shape[2], (int)images.shape[3]);
        var random = new Random((int)seed);
        var keep = Enumerable.Repeat(1f, n * height * width).ToArray();
        for (var i = 0; i < n; i++)
        {
            // Somewhere over the central 20 × 20 box, where the digit is.
            var (left, top) = (random.Next(4, 24 - side / 2) - side / 2, random.Next(4, 24 - side / 2) - side / 2);
            for (var y = Math.Max(0, top); y < Math.Min(height, top + side); y++)
                for (var x = Math.Max(0, left); x < Math.Min(width, left + side); x++)
                    keep[(i * height + y) * width + x] = 0;
        }
        return images * tensor(keep, [n, 1, height, width]);
    }

    /// <summary>Shifts maps right by <paramref name="shift"/> columns, filling with zeros.</summary>
    private static Tensor Roll(Tensor maps, int shift) =>
        shift == 0 ? maps : F.pad(maps, [shift, 0, 0, 0])[TensorIndex.Ellipsis, TensorIndex.Slice(0, maps.shape[3])];

    private static double[] Range(double from, double to, double step) =>
        [.. Enumerable.Range(0, (int)Math.Round((to - from) / step) + 1).Select(i => Math.Round(from + i * step, 6))];
}
