using LeNet.Models;
using LeNet.Training;
using static TorchSharp.torch;

namespace LeNet.Inference;

/// <summary>
/// Reads handwritten digits from images: decode → MNIST-style preprocessing → network → calibrated probabilities.
/// Load once and share: every method is safe to call from many threads at once (calls to the network are
/// serialised, so concurrent callers never oversubscribe the cores).
/// </summary>
/// <example>
/// <code>
/// using var recognizer = DigitRecognizer.LoadBundled();
/// var prediction = recognizer.PredictFile("digit.jpg");
/// Console.WriteLine($"{prediction.Display} ({prediction.Probability:P1})");
/// </code>
/// </example>
public sealed class DigitRecognizer : IDisposable
{
    private readonly IScorer _scorer;

    private DigitRecognizer(ModelMetadata metadata, IScorer scorer, TrainedModel? model, long parameters, InferenceRuntime runtime, RecognizerOptions options)
    {
        Metadata = metadata;
        _scorer = scorer;
        Model = model;
        Parameters = parameters;
        Runtime = runtime;
        Options = options;
    }

    /// <summary>The model's metadata (architecture, dataset, accuracy, classes).</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>The decision settings.</summary>
    public RecognizerOptions Options { get; }

    /// <summary>The TorchSharp model, for analysis tools; null when running an .onnx file.</summary>
    public TrainedModel? Model { get; }

    /// <summary>The network's parameter count.</summary>
    public long Parameters { get; }

    /// <summary>The engine running the network.</summary>
    public InferenceRuntime Runtime { get; }

    /// <summary>Uses an already loaded model; disposing the recognizer disposes it.</summary>
    public static DigitRecognizer Wrap(TrainedModel model, RecognizerOptions? options = null, InferenceRuntime runtime = InferenceRuntime.Fast) =>
        runtime != InferenceRuntime.Onnx
            ? new(model.Metadata, new TorchScorer(model, runtime.ComputePath(), options?.Threads ?? 0), model, CountParameters(model), runtime, options ?? RecognizerOptions.Default)
            : new(model.Metadata, new OnnxScorer(new Export.OnnxModel(Export.OnnxExporter.ToBytes(model), model.Metadata.Architecture), model), model,
                CountParameters(model), runtime, options ?? RecognizerOptions.Default);

    /// <summary>Uses the model bundled with the library, on the chosen engine.</summary>
    public static DigitRecognizer LoadBundled(RecognizerOptions? options = null, InferenceRuntime runtime = InferenceRuntime.Fast) =>
        Wrap(ModelFile.LoadBundled(), options, runtime);

    /// <summary>
    /// Uses the model file at <paramref name="path"/>: a <c>.lenet</c> file (on either engine) or an <c>.onnx</c> file
    /// written by <c>lenet export</c> (ONNX Runtime only, no libtorch involved).
    /// </summary>
    /// <exception cref="LeNetException">The file is missing, damaged or not a model.</exception>
    public static DigitRecognizer Load(string path, RecognizerOptions? options = null, InferenceRuntime runtime = InferenceRuntime.Fast)
    {
        if (!path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            return Wrap(ModelFile.Load(path), options, runtime);
        if (runtime != InferenceRuntime.Onnx)
            throw new LeNetException($"{path}: an ONNX model runs on ONNX Runtime: use --runtime onnx");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LeNetException($"{path}: cannot read the ONNX model ({e.Message.TrimEnd('.')})", e);
        }
        var metadata = Export.OnnxExporter.ReadMetadata(bytes, path);
        return new(metadata, new OnnxScorer(new Export.OnnxModel(bytes, path)), null, 0, runtime, options ?? RecognizerOptions.Default);
    }

    private static long CountParameters(TrainedModel model) => model.Network.parameters().Sum(p => p.numel());

    /// <summary>Reads the one digit in an image file.</summary>
    /// <exception cref="ImageException">The file is not a supported image or is too large.</exception>
    public DigitPrediction PredictFile(string path, PreprocessingSteps? steps = null) =>
        PredictImage(ImageDecoder.DecodeFile(path, Options.ImageLimits), steps);

    /// <summary>Reads the one digit in encoded image bytes (PNG, JPEG, BMP, GIF, WebP).</summary>
    public DigitPrediction Predict(ReadOnlySpan<byte> encoded, string name = "image", PreprocessingSteps? steps = null) =>
        PredictImage(ImageDecoder.Decode(encoded, name, Options.ImageLimits), steps);

    /// <summary>Reads the one digit in an encoded image stream.</summary>
    public DigitPrediction Predict(Stream stream, string name = "stream", PreprocessingSteps? steps = null)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Predict(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), name, steps);
    }

    /// <summary>Reads the one digit in a grey image of any size (values in [0, 1], either polarity).</summary>
    public DigitPrediction PredictImage(GrayImage image, PreprocessingSteps? steps = null)
    {
        var (ink, field) = MnistFormatter.Prepare(image, steps);
        if (field is null || ink.Bounds is not { } bounds)
            return NoDigit("no ink found: the image looks blank");
        var prediction = PredictFields([field])[0];
        return NotOneDigit(ink, bounds) is { } reason ? prediction with { Unsure = true, UnsureReason = reason } : prediction;
    }

    /// <summary>Why the ink cannot be a single handwritten digit, or null when it can.</summary>
    private string? NotOneDigit(InkImage ink, PixelBox bounds)
    {
        if (ink.Blobs.Count > Options.MaxMarksPerDigit)
            return $"{ink.Blobs.Count} separate marks: this does not look like one digit";
        var aspect = (double)bounds.Width / bounds.Height;
        if (aspect > Options.MaxAspect)
            return $"the ink is {aspect:F1} times wider than tall: not one digit (for a row of digits, read it as a line)";
        // A single straight stroke (a "1") fills its thin box; only a box of some width can reveal a blob.
        var solidity = (double)ink.Blobs.Sum(b => b.Area) / (bounds.Width * bounds.Height);
        var thin = Math.Min(bounds.Width, bounds.Height) < 0.35 * Math.Max(bounds.Width, bounds.Height);
        if (!thin && solidity > Options.MaxSolidity)
            return $"the ink fills {solidity:P0} of its box: a blob or shape, not pen strokes";
        return null;
    }

    /// <summary>Reads a line of digits (a number, a postcode, a meter reading) left to right.</summary>
    public LineReading ReadLine(GrayImage image)
    {
        var ink = InkExtractor.Extract(image);
        var segments = DigitSegmenter.Segment(ink);
        var fields = segments.Select(s => MnistFormatter.Format(s.Ink, new PixelBox(0, 0, s.Ink.Width, s.Ink.Height))).ToList();
        var predictions = fields.Count == 0 ? [] : PredictFields(fields);
        var digits = segments.Zip(predictions, (s, p) => new LineDigit(s.Box, p)).ToList();
        return new LineReading(string.Concat(digits.Select(d => d.Prediction.Label)), digits, image.Width, image.Height);
    }

    /// <summary>Reads a line of digits from encoded image bytes.</summary>
    public LineReading ReadLine(ReadOnlySpan<byte> encoded, string name = "image") =>
        ReadLine(ImageDecoder.Decode(encoded, name, Options.ImageLimits));

    /// <summary>Classifies images already in MNIST form (28 × 28, ink bright, values in [0, 1]) in one batch.</summary>
    public IReadOnlyList<DigitPrediction> PredictFields(IReadOnlyList<GrayImage> fields)
    {
        var size = MnistFormatter.FieldSize;
        var pixels = new byte[fields.Count * size * size];
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Width != size || fields[i].Height != size)
                throw new ArgumentException($"field {i} is {fields[i].Width} × {fields[i].Height}, not 28 × 28", nameof(fields));
            fields[i].ToBytes().CopyTo(pixels, i * size * size);
        }
        var logits = Logits(pixels, fields.Count);
        var classes = Metadata.ClassNames.Count;
        return [.. Enumerable.Range(0, fields.Count).Select(i =>
            Decide(logits.AsSpan(i * classes, classes), pixels.AsSpan(i * size * size, size * size).ToArray()))];
    }

    /// <summary>
    /// The activations of the network's convolution layers (by default) for a 28 × 28 MNIST-form input: what the
    /// network "sees" at each stage.
    /// </summary>
    /// <remarks>Empty when the engine does not expose intermediate layers (ONNX Runtime).</remarks>
    public IReadOnlyList<Analysis.FeatureMap> FeatureMaps(GrayImage field) => _scorer.FeatureMaps(Metadata.Normalization.Apply(field.ToBytes()));

    private float[] Logits(byte[] pixels, int count) => _scorer.Scores(Metadata.Normalization.Apply(pixels), count);

    private DigitPrediction Decide(ReadOnlySpan<float> logits, byte[] input)
    {
        var probabilities = TemperatureScaling.Softmax(logits, Metadata.Temperature);
        var ranked = probabilities.Select((p, i) => new ClassProbability(Metadata.ClassNames[i], p)).OrderByDescending(c => c.Probability).ToList();
        var best = ranked[0];
        var unsure = best.Probability < Options.UnsureBelow;
        return new DigitPrediction(best.Label, best.Probability, ranked.Take(3).ToList(), unsure,
            unsure ? $"confidence {best.Probability:P0} is below the {Options.UnsureBelow:P0} threshold" : null, probabilities, input);
    }

    private DigitPrediction NoDigit(string reason)
    {
        var uniform = Enumerable.Repeat(1.0 / Metadata.ClassNames.Count, Metadata.ClassNames.Count).ToArray();
        var top = Metadata.ClassNames.Take(3).Select(n => new ClassProbability(n, uniform[0])).ToList();
        return new DigitPrediction(Metadata.ClassNames[0], uniform[0], top, true, reason, uniform, new byte[MnistFormatter.FieldSize * MnistFormatter.FieldSize]);
    }

    /// <inheritdoc />
    public void Dispose() => _scorer.Dispose();
}
