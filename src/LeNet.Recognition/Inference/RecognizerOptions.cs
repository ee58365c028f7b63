namespace LeNet.Inference;

/// <summary>How a <see cref="DigitRecognizer"/> decides and what it accepts.</summary>
/// <param name="UnsureBelow">Calibrated probability below which an answer is reported as unsure.</param>
/// <param name="MaxMarksPerDigit">More separate ink blobs than this in a one-digit image means it is not one digit.</param>
/// <param name="MaxAspect">Ink wider than this multiple of its height is not one digit (handwritten digits stay below ~1.4).</param>
/// <param name="MaxSolidity">Ink covering more than this fraction of its box is a blob, not strokes (pen strokes stay well below; a filled disc is 0.79).</param>
/// <param name="Limits">Image size limits.</param>
/// <param name="Threads">Cores the fast path's kernels may use for one batch (0 = one per core); servers use 1.</param>
/// <param name="Lines">How lines are segmented and read.</param>
public sealed record RecognizerOptions(double UnsureBelow = 0.5, int MaxMarksPerDigit = 6, double MaxAspect = 2.0, double MaxSolidity = 0.7,
    ImageLimits? Limits = null, int Threads = 0, LineOptions? Lines = null)
{
    /// <summary>The effective line options.</summary>
    public LineOptions LineOptions => Lines ?? LineOptions.Default;

    /// <summary>The defaults.</summary>
    public static RecognizerOptions Default { get; } = new();

    /// <summary>The effective limits.</summary>
    public ImageLimits ImageLimits => Limits ?? ImageLimits.Default;
}
