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
/// <param name="NetworkInput">The 28 × 28 image the network saw, as a PNG data URL.</param>
/// <param name="Steps">Every preprocessing stage (with <c>?steps=true</c>).</param>
/// <param name="FeatureMaps">Convolution feature maps (with <c>?maps=true</c>).</param>
public sealed record PredictResponse(
    string Digit,
    double Probability,
    bool Unsure,
    string? UnsureReason,
    IReadOnlyList<ClassProbability> Top3,
    IReadOnlyList<double> Probabilities,
    string NetworkInput,
    Timing Timing,
    IReadOnlyList<StepImage>? Steps,
    IReadOnlyList<FeatureMapImages>? FeatureMaps);

/// <summary>One digit of a line.</summary>
public sealed record ReadDigit(string Digit, double Probability, bool Unsure, PixelBox Box, IReadOnlyList<ClassProbability> Top3);

/// <summary>The answer of <c>POST /api/read</c>: the digits left to right, boxes in the decoded image's pixels.</summary>
/// <param name="Annotated">The image with boxes and labels, as a PNG data URL (with <c>?annotate=true</c>).</param>
public sealed record ReadResponse(string Text, IReadOnlyList<ReadDigit> Digits, int Width, int Height, Timing Timing, string? Annotated);

/// <summary>The answer of <c>GET /api/model</c>.</summary>
public sealed record ModelResponse(string Architecture, string Dataset, IReadOnlyList<string> ClassNames, int[] InputShape,
    double? TestAccuracy, int Epochs, DateTimeOffset CreatedUtc, string ProjectVersion, double Temperature, long Parameters, bool Bundled, string Runtime);
