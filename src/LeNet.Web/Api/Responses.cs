using LeNet.Inference;

namespace LeNet.Web.Api;

/// <summary>Milliseconds spent in each stage of a request.</summary>
public sealed record Timing(double DecodeMs, double RecognizeMs, double TotalMs);

/// <summary>A preprocessing stage as a PNG data URL.</summary>
public sealed record StepImage(string Name, int Width, int Height, string Png);

/// <summary>A layer's feature maps, one PNG data URL per channel.</summary>
public sealed record FeatureMapImages(string Layer, int Height, int Width, IReadOnlyList<string> Channels);

/// <summary>The answer of <c>POST /api/predict</c>.</summary>
/// <param name="Digit">The most probable class.</param>
/// <param name="Probability">Its calibrated probability.</param>
/// <param name="Unsure">Whether the answer should not be trusted.</param>
/// <param name="UnsureReason">Why, when unsure.</param>
/// <param name="Top3">The three most probable classes.</param>
/// <param name="Probabilities">Probability per class, in class order.</param>
/// <param name="NetworkInput">The 28 × 28 image the network saw, as a PNG data URL (with <c>?input=true</c>).</param>
/// <param name="Steps">Every preprocessing stage (with <c>?steps=true</c>).</param>
/// <param name="FeatureMaps">Convolution feature maps (with <c>?maps=true</c>).</param>
public sealed record PredictResponse(
    string Digit,
    double Probability,
    bool Unsure,
    string? UnsureReason,
    IReadOnlyList<ClassProbability> Top3,
    IReadOnlyList<double> Probabilities,
    string? NetworkInput,
    Timing Timing,
    IReadOnlyList<StepImage>? Steps,
    IReadOnlyList<FeatureMapImages>? FeatureMaps);

/// <summary>One digit of a line.</summary>
public sealed record ReadDigit(string Digit, double Probability, bool Unsure, PixelBox Box, IReadOnlyList<ClassProbability> Top3)
{
    internal static List<ReadDigit> Of(LineReading line) =>
        [.. line.Digits.Select(d => new ReadDigit(d.Prediction.Label, d.Prediction.Probability, d.Prediction.Unsure, d.Box, d.Prediction.Top3))];
}

/// <summary>The answer of <c>POST /api/read</c>: the digits left to right, boxes in the decoded image's pixels.</summary>
/// <param name="Text">The digits read; empty when most of them are unsure (noise or no writing).</param>
/// <param name="Unsure">Nothing was read with confidence (then <paramref name="Text"/> is empty).</param>
/// <param name="Annotated">The image with boxes and labels, as a PNG data URL (with <c>?annotate=true</c>).</param>
/// <param name="Lines">
/// Every line of writing in the image, top to bottom (a column of numbers gives several); <paramref name="Text"/>,
/// <paramref name="Unsure"/> and <paramref name="Digits"/> are the first's.
/// </param>
public sealed record ReadResponse(string Text, bool Unsure, IReadOnlyList<ReadDigit> Digits, int Width, int Height, Timing Timing, string? Annotated,
    IReadOnlyList<LineResponse> Lines);

/// <summary>One line of digits in an image, boxes in the decoded image's pixels.</summary>
public sealed record LineResponse(string Text, bool Unsure, IReadOnlyList<ReadDigit> Digits)
{
    internal static LineResponse Of(LineReading line) => new(line.Text, line.Unsure, ReadDigit.Of(line));
}

/// <summary>The answer of <c>POST /api/calc</c>: the sum as read and what it computes to.</summary>
/// <param name="Expression">The symbols read, e.g. <c>17−2+76</c>.</param>
/// <param name="Value">The exact value of the left side (<c>3.5</c>, <c>1/3</c>); null when it cannot be computed.</param>
/// <param name="ValueDisplay">The value for a person (<c>1/3 ≈ 0.333</c>).</param>
/// <param name="RightSide">The value written after <c>=</c>, when there is one.</param>
/// <param name="Holds">With a right side: whether the equation is true.</param>
/// <param name="Problem">Why it cannot be computed (incomplete, unbalanced, division by zero).</param>
/// <param name="Symbols">Every symbol with its box (decoded image pixels) and probability.</param>
/// <param name="Annotated">The image with boxes and labels, as a PNG data URL (with <c>?annotate=true</c>).</param>
/// <param name="Lines">Every sum in the image, top to bottom (a worksheet gives several); the fields above are the first's.</param>
public sealed record CalcResponse(string Expression, string? Value, string? ValueDisplay, string? RightSide, bool? Holds, string? Problem,
    IReadOnlyList<ReadDigit> Symbols, int Width, int Height, Timing Timing, string? Annotated, IReadOnlyList<SumResponse> Lines);

/// <summary>One sum in an image, as read and computed (the fields of <see cref="CalcResponse"/>).</summary>
public sealed record SumResponse(string Expression, string? Value, string? ValueDisplay, string? RightSide, bool? Holds, string? Problem, IReadOnlyList<ReadDigit> Symbols)
{
    internal static SumResponse Of(ExpressionReading sum) => new(sum.Result.Expression, sum.Result.Value?.ToString(), sum.Result.Value?.Display,
        sum.Result.RightSide?.ToString(), sum.Result.Holds, sum.Result.Error, ReadDigit.Of(sum.Line));
}

/// <summary>The answer of <c>GET /api/model</c>.</summary>
public sealed record ModelResponse(string Architecture, string Dataset, IReadOnlyList<string> ClassNames, int[] InputShape,
    double? TestAccuracy, int Epochs, DateTimeOffset CreatedUtc, string ProjectVersion, double Temperature, long Parameters, bool Bundled, string Runtime);
