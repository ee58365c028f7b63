using LeNet.Models;

namespace LeNet.Inference;

/// <summary>
/// Reads handwriting from images: decode → MNIST-style preprocessing → network → calibrated probabilities; single
/// characters, lines, and handwritten sums. Load once and share: every method is safe to call from many threads.
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
    private readonly INetwork _network;

    /// <summary>Reads with <paramref name="network"/>, which the recognizer now owns (disposing it disposes the network).</summary>
    public DigitRecognizer(ModelMetadata metadata, INetwork network, RecognizerOptions? options = null)
    {
        Metadata = metadata;
        _network = network;
        Options = options ?? RecognizerOptions.Default;
    }

    /// <summary>The model's metadata (architecture, dataset, accuracy, classes).</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>The decision settings.</summary>
    public RecognizerOptions Options { get; }

    /// <summary>The network's parameter count.</summary>
    public long Parameters => _network.Parameters;

    /// <summary>The engine running the network: <c>fast</c> (C#), <c>torch</c> or <c>onnx</c>.</summary>
    public string Engine => _network.Engine;

    /// <summary>A model bundled with the library (by default the digit reader), run in C#.</summary>
    public static DigitRecognizer LoadBundled(RecognizerOptions? options = null, BundledModel model = BundledModel.Digits) =>
        FromContent(ModelFileContent.Bundled(model), ModelFileContent.Name(model), options);

    /// <summary>The <c>.lenet</c> model file at <paramref name="path"/>, run in C# (LeNet-5; other architectures need the LeNet package's engines).</summary>
    /// <exception cref="LeNetException">The file is missing, damaged, not a model, or of an architecture the C# engine does not run.</exception>
    public static DigitRecognizer Load(string path, RecognizerOptions? options = null)
    {
        if (path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            throw new LeNetException($"{path}: an ONNX model runs on ONNX Runtime: use the LeNet.Onnx package (Engines.Load, or --runtime onnx)");
        return FromContent(ModelFileContent.Read(path), path, options);
    }

    /// <summary>A model file already read (<see cref="ModelFileContent.Read"/>, <see cref="ModelFileContent.Parse"/>), run in C#.</summary>
    /// <exception cref="LeNetException">The architecture is not one the C# engine runs.</exception>
    public static DigitRecognizer FromContent(ModelFileContent content, string label, RecognizerOptions? options = null) =>
        new(content.Metadata, CSharpNetwork.Create(content, label, options?.Threads ?? 0), options) { Content = content };

    /// <summary>
    /// The model file this recognizer reads with, when it was loaded from one (null for a network handed to the
    /// constructor): what fine-tuning (the LeNet package's <c>Adapt</c>) starts from.
    /// </summary>
    public ModelFileContent? Content { get; private init; }

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
        return NotOneDigit(ink, bounds, prediction.Label) is { } reason ? prediction with { Unsure = true, UnsureReason = reason } : prediction;
    }

    /// <summary>Why the ink cannot be a single handwritten character read as <paramref name="label"/>, or null when it can.</summary>
    private string? NotOneDigit(InkImage ink, PixelBox bounds, string label)
    {
        if (ink.Blobs.Count > Options.MaxMarksPerDigit)
            return $"{ink.Blobs.Count} separate marks: this does not look like one digit";
        var aspect = (double)bounds.Width / bounds.Height;
        // A minus, an equals sign or a division sign is wide by nature.
        if (aspect > Options.MaxAspect && label is not (Symbols.Minus or Symbols.EqualsSign or Symbols.Divide))
            return $"the ink is {aspect:F1} times wider than tall: not one digit (for a row of digits, read it as a line)";
        // A single straight stroke (a "1") fills its thin box; only a box of some width can reveal a blob.
        var solidity = (double)ink.Blobs.Sum(b => b.Area) / (bounds.Width * bounds.Height);
        var thin = Math.Min(bounds.Width, bounds.Height) < 0.35 * Math.Max(bounds.Width, bounds.Height);
        if (!thin && solidity > Options.MaxSolidity)
            return $"the ink fills {solidity:P0} of its box: a blob or shape, not pen strokes";
        return null;
    }

    /// <summary>
    /// Reads a line of writing left to right: digits (a number, a postcode, a meter reading) and, with a model that
    /// reads them, the symbols of arithmetic. Touching and broken characters are segmented by recognition
    /// (<see cref="LineRecognizer"/>).
    /// </summary>
    public LineReading ReadLine(GrayImage image) => AnalyseLine(image).Reading;

    /// <summary>Reads a line and returns every step: the pieces, each candidate character with its score, the chosen path.</summary>
    public LineAnalysis AnalyseLine(GrayImage image) => LineRecognizer.Analyse(image, this, Options.LineOptions, expression: false);

    /// <summary>
    /// Reads a line as a handwritten sum and returns every step: as <see cref="AnalyseLine"/>, with the path search
    /// also weighing a sum's syntax (<see cref="LineOptions.GrammarCost"/>).
    /// </summary>
    /// <exception cref="LeNetException">The model reads digits only.</exception>
    public LineAnalysis AnalyseExpression(GrayImage image)
    {
        EnsureReadsArithmetic();
        return LineRecognizer.Analyse(image, this, Options.LineOptions, expression: true);
    }

    /// <summary>
    /// Reads a handwritten sum and computes it: <c>17−2+76</c> → 91, <c>7÷2=</c> → 3.5, <c>3+4=8</c> → false. Needs a
    /// model that reads the symbols of arithmetic (<see cref="BundledModel.Math"/>).
    /// </summary>
    /// <exception cref="LeNetException">The model reads digits only.</exception>
    public ExpressionReading ReadExpression(GrayImage image)
    {
        var line = AnalyseExpression(image).Reading;
        return new ExpressionReading(line, Compute(line));
    }

    /// <summary>
    /// Reads every line of writing in a photo, top to bottom — a worksheet of sums, a column of numbers — each as
    /// <see cref="AnalyseLine"/> or (<paramref name="expression"/>) <see cref="AnalyseExpression"/> reads a photo of one
    /// line; a photo of one line gives one.
    /// </summary>
    /// <exception cref="LeNetException">Sums asked of a model that reads digits only.</exception>
    public IReadOnlyList<PageLine> AnalysePage(GrayImage image, bool expression = false)
    {
        if (expression)
            EnsureReadsArithmetic();
        return LineRecognizer.AnalysePage(image, this, Options.LineOptions, expression);
    }

    /// <summary>Every line of digits in a photo, top to bottom (<see cref="AnalysePage"/>), its boxes in the photo's coordinates.</summary>
    public IReadOnlyList<LineReading> ReadLines(GrayImage image) => [.. AnalysePage(image).Select(l => l.Reading)];

    /// <summary>Every handwritten sum in a photo, top to bottom (a worksheet), each computed as <see cref="ReadExpression(GrayImage)"/> computes one.</summary>
    /// <exception cref="LeNetException">The model reads digits only.</exception>
    public IReadOnlyList<ExpressionReading> ReadExpressions(GrayImage image) =>
        [.. AnalysePage(image, expression: true).Select(l => new ExpressionReading(l.Reading, Compute(l.Reading)))];

    /// <summary>What a line read by this recognizer computes to.</summary>
    /// <exception cref="LeNetException">The model reads digits only.</exception>
    public Arithmetic.ExpressionResult Compute(LineReading line)
    {
        EnsureReadsArithmetic();
        return Arithmetic.Calculator.Evaluate(line.Text);
    }

    private void EnsureReadsArithmetic()
    {
        if (!Metadata.ClassNames.Contains(Symbols.Plus))
            throw new LeNetException($"the {Metadata.Architecture} model trained on {Metadata.Dataset} reads {string.Join(" ", Metadata.ClassNames)} only, no arithmetic symbols: use a model trained on the math dataset, such as the bundled math model");
    }

    /// <summary>Reads a handwritten sum from encoded image bytes and computes it.</summary>
    public ExpressionReading ReadExpression(ReadOnlySpan<byte> encoded, string name = "image") =>
        ReadExpression(ImageDecoder.Decode(encoded, name, Options.ImageLimits));

    /// <summary>Reads every handwritten sum in a photo (a worksheet) from encoded image bytes, top to bottom, and computes each.</summary>
    public IReadOnlyList<ExpressionReading> ReadExpressions(ReadOnlySpan<byte> encoded, string name = "image") =>
        ReadExpressions(ImageDecoder.Decode(encoded, name, Options.ImageLimits));

    /// <summary>Reads every line of digits in a photo from encoded image bytes, top to bottom.</summary>
    public IReadOnlyList<LineReading> ReadLines(ReadOnlySpan<byte> encoded, string name = "image") =>
        ReadLines(ImageDecoder.Decode(encoded, name, Options.ImageLimits));

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
        var probabilities = Probabilities(pixels, fields.Count);
        return [.. Enumerable.Range(0, fields.Count).Select(i => Decide(probabilities[i], pixels.AsSpan(i * size * size, size * size).ToArray()))];
    }

    /// <summary>
    /// The activations of the network's convolution layers (by default) for a 28 × 28 MNIST-form input: what the
    /// network "sees" at each stage.
    /// </summary>
    /// <remarks>Empty when the engine does not expose intermediate layers (ONNX Runtime).</remarks>
    public IReadOnlyList<Analysis.FeatureMap> FeatureMaps(GrayImage field) => _network.FeatureMaps(Metadata.Normalization.Apply(field.ToBytes()));

    /// <summary>Calibrated class probabilities for 28 × 28 MNIST-form inputs, one array per input.</summary>
    internal double[][] Probabilities(IReadOnlyList<GrayImage> fields)
    {
        const int Size = MnistFormatter.FieldSize * MnistFormatter.FieldSize;
        var pixels = new byte[fields.Count * Size];
        for (var i = 0; i < fields.Count; i++)
            fields[i].ToBytes().CopyTo(pixels, i * Size);
        return Probabilities(pixels, fields.Count);
    }

    /// <summary>
    /// Calibrated probabilities of the classes, one array per input. With a reject output they sum to one minus its
    /// probability: what is missing is the chance that the input is none of the classes.
    /// </summary>
    private double[][] Probabilities(byte[] pixels, int count)
    {
        var logits = _network.Scores(Metadata.Normalization.Apply(pixels), count);
        var (outputs, classes) = (Metadata.Outputs, Metadata.ClassNames.Count);
        return [.. Enumerable.Range(0, count).Select(i => Softmax.Of(logits.AsSpan(i * outputs, outputs), Metadata.Temperature)[..classes])];
    }

    private DigitPrediction Decide(double[] probabilities, byte[] input)
    {
        var ranked = probabilities.Select((p, i) => new ClassProbability(Metadata.ClassNames[i], p)).OrderByDescending(c => c.Probability).ToList();
        var best = ranked[0];
        var none = 1 - probabilities.Sum();
        var unsure = best.Probability < Options.UnsureBelow;
        var reason = !unsure ? null
            : Metadata.RejectOutput && none > best.Probability ? $"this looks like none of the classes ({none:P0})"
            : $"confidence {best.Probability:P0} is below the {Options.UnsureBelow:P0} threshold";
        return new DigitPrediction(best.Label, best.Probability, ranked.Take(3).ToList(), unsure, reason, probabilities, input);
    }

    private DigitPrediction NoDigit(string reason)
    {
        var uniform = Enumerable.Repeat(1.0 / Metadata.ClassNames.Count, Metadata.ClassNames.Count).ToArray();
        var top = Metadata.ClassNames.Take(3).Select(n => new ClassProbability(n, uniform[0])).ToList();
        return new DigitPrediction(Metadata.ClassNames[0], uniform[0], top, true, reason, uniform, new byte[MnistFormatter.FieldSize * MnistFormatter.FieldSize]);
    }

    /// <inheritdoc />
    public void Dispose() => _network.Dispose();
}
