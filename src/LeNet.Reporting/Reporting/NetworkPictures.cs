using LeNet.Analysis;
using LeNet.Inference;
using LeNet.Models;
using SkiaSharp;
using static TorchSharp.torch;

namespace LeNet.Reporting;

/// <summary>Pictures of what a network learned and how it sees one digit: kernels, feature maps, saliency.</summary>
public static class NetworkPictures
{
    /// <summary>Every convolution's kernels, grey = 0, one row per output channel.</summary>
    public static byte[] Kernels(TrainedModel model) =>
        TileGrid.Render([.. ConvolutionKernels.Of(model.Inspected).Select(k => new TileSection(
            $"{k.Layer}: {k.Outputs} kernels of {k.Size} × {k.Size} over {k.Inputs} input channel{(k.Inputs == 1 ? "" : "s")} (grey = 0, light = positive)",
            [.. Enumerable.Range(0, k.Outputs).SelectMany(o => Enumerable.Range(0, k.Inputs).Select(i => TileGrid.Signed(k.Size, k.Size, k.Kernel(o, i))))],
            Columns: k.Inputs == 1 ? k.Outputs : k.Inputs,
            TileSize: k.Inputs == 1 ? 64 : 40))]);

    /// <summary>The input and the output of every convolution and pooling layer for one 28 × 28 digit.</summary>
    public static byte[] FeatureMaps(TrainedModel model, GrayImage field)
    {
        var layers = model.Inspected.named_modules()
            .Where(m => m.name.Length > 0 && !m.module.children().Any() && (m.module.GetType().Name.Contains("Conv", StringComparison.Ordinal) || m.module.GetType().Name.Contains("Pool", StringComparison.Ordinal)))
            .Select(m => m.name).ToList();
        using var scope = NewDisposeScope();
        var maps = Analysis.FeatureMaps.Capture(model.Inspected, Input(model, field), layers);
        return TileGrid.Render([new TileSection("input (28 × 28)", [field], Columns: 1, TileSize: 112),
            .. maps.Select(m => new TileSection($"{m.Layer}: {m.Channels} maps of {m.Height} × {m.Width}",
                [.. Enumerable.Range(0, m.Channels).Select(c => new GrayImage(m.Width, m.Height, m.Normalised(c)))], Columns: 8, TileSize: m.Height >= 20 ? 84 : 56))]);
    }

    /// <summary>Which pixels drove the decision for <paramref name="target"/>: gradient and occlusion, each overlaid on the input.</summary>
    public static byte[] Saliency(TrainedModel model, GrayImage field, int target)
    {
        using var scope = NewDisposeScope();
        var input = Input(model, field);
        var gradient = Analysis.Saliency.Gradient(model.Inspected, input, target);
        var occlusion = Analysis.Saliency.Occlusion(model.Inspected, input, target, model.Metadata.Normalization.Background);
        const int Size = 224;
        using var surface = SKSurface.Create(new SKImageInfo(3 * Size + 4 * 12, Size + 48));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.Default, 13);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var label = model.Metadata.ClassNames[target];
        (string Caption, float[]? Heat)[] panels = [($"input (class {label})", null), ("gradient saliency", gradient), ("occlusion (6 × 6 patch)", occlusion)];
        for (var i = 0; i < panels.Length; i++)
        {
            var rect = SKRect.Create(12 + i * (Size + 12), 12, Size, Size);
            Png.Draw(canvas, field, rect);
            if (panels[i].Heat is { } heat)
                DrawHeat(canvas, heat, field.Width, field.Height, rect);
            canvas.DrawText(panels[i].Caption, rect.Left, rect.Bottom + 20, font, ink);
        }
        return Png.Encode(surface);
    }

    /// <summary>The model's normalised input for a 28 × 28 MNIST-form image.</summary>
    public static Tensor Input(TrainedModel model, GrayImage field) =>
        tensor(model.Metadata.Normalization.Apply(field.ToBytes()), [1, 1, field.Height, field.Width]);

    private static void DrawHeat(SKCanvas canvas, float[] heat, int width, int height, SKRect rect)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var v = heat[y * width + x];
                bitmap.SetPixel(x, y, new SKColor(255, (byte)(200 * (1 - v)), 0, (byte)(220 * v)));
            }
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, rect, new SKSamplingOptions(SKFilterMode.Nearest));
    }
}
