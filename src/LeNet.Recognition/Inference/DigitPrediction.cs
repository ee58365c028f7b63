namespace LeNet.Inference;

/// <summary>A class and its calibrated probability.</summary>
public sealed record ClassProbability(string Label, double Probability);

/// <summary>What the network read from one image. Plain data: nothing to dispose.</summary>
/// <param name="Label">The most probable class (e.g. "7").</param>
/// <param name="Probability">Its calibrated probability.</param>
/// <param name="Top3">The three most probable classes, best first.</param>
/// <param name="Unsure">True when the answer should not be trusted (see <see cref="UnsureReason"/>).</param>
/// <param name="UnsureReason">Why it is unsure: no ink, too many marks, or confidence below the threshold.</param>
/// <param name="Probabilities">Calibrated probability per class, in class order.</param>
/// <param name="NetworkInput">The 28 × 28 image the network saw (bytes, ink bright), row-major.</param>
public sealed record DigitPrediction(
    string Label,
    double Probability,
    IReadOnlyList<ClassProbability> Top3,
    bool Unsure,
    string? UnsureReason,
    IReadOnlyList<double> Probabilities,
    byte[] NetworkInput)
{
    /// <summary>The answer to show: the label, or "?" when unsure.</summary>
    public string Display => Unsure ? "?" : Label;
}

/// <summary>One digit found in a line of handwriting.</summary>
/// <param name="Box">Where it is in the decoded image (pixels).</param>
public sealed record LineDigit(PixelBox Box, DigitPrediction Prediction);

/// <summary>A line of digits as read left to right.</summary>
/// <param name="Text">
/// The most probable digit at each position (see each digit's <see cref="DigitPrediction.Unsure"/>); empty when most
/// of them are not even half as probable as a sure answer must be: noise or a picture without writing is not read as a
/// number, but a line of real digits read right with low confidence (pieces of touching digits) keeps its text.
/// </param>
/// <param name="Width">Width of the decoded image the boxes refer to.</param>
/// <param name="Height">Height of the decoded image the boxes refer to.</param>
public sealed record LineReading(string Text, IReadOnlyList<LineDigit> Digits, int Width, int Height)
{
    /// <summary>Nothing read with confidence: no symbols, or more than half of them unsure.</summary>
    public bool Unsure => MostlyUnsure(Digits);

    /// <summary>The symbols read with low confidence: the reading may be wrong there.</summary>
    public IReadOnlyList<LineDigit> UnsureSymbols => [.. Digits.Where(d => d.Prediction.Unsure)];

    internal static bool MostlyUnsure(IReadOnlyList<LineDigit> symbols) => 2 * symbols.Count(d => d.Prediction.Unsure) > symbols.Count || symbols.Count == 0;

    /// <summary>
    /// The text of <paramref name="symbols"/>, or none when most of them are below half of <paramref name="unsureBelow"/>.
    /// Noise reads as a string of wild guesses (median symbol about 3 % on random pixels), while the unsure pieces of
    /// touching digits read right are typically 35–50 %: those lines keep their text, with the symbols flagged.
    /// </summary>
    internal static string TextOf(IReadOnlyList<LineDigit> symbols, double unsureBelow) =>
        symbols.Count == 0 || 2 * symbols.Count(d => d.Prediction.Probability < unsureBelow / 2) > symbols.Count
            ? ""
            : string.Concat(symbols.Select(s => s.Prediction.Label));
}

/// <summary>A handwritten sum: the line as read, and what it computes to.</summary>
/// <param name="Line">The symbols read, each with its box and probability.</param>
/// <param name="Result">The expression's value, or the check of its equation, or why it cannot be computed.</param>
public sealed record ExpressionReading(LineReading Line, Arithmetic.ExpressionResult Result)
{
    /// <summary>The symbols read with low confidence: the reading may be wrong there (<see cref="LineReading.UnsureSymbols"/>).</summary>
    public IReadOnlyList<LineDigit> UnsureSymbols => Line.UnsureSymbols;
}
