namespace LeNet.Training;

/// <summary>One bin of a reliability diagram: mean confidence against accuracy of the predictions that fell in it.</summary>
public sealed record ReliabilityBin(double Low, double High, int Count, double MeanConfidence, double Accuracy);

/// <summary>How well confidences match accuracy: the expected calibration error and its reliability diagram.</summary>
/// <param name="ExpectedCalibrationError">Σ (bin count / N) × |accuracy − confidence| over 15 equal-width bins.</param>
public sealed record Calibration(double Temperature, double ExpectedCalibrationError, IReadOnlyList<ReliabilityBin> Bins)
{
    /// <summary>Bins of width 1/15, the usual choice since Guo et al. (2017).</summary>
    public const int BinCount = 15;

    /// <summary>Measures calibration of softmax(logits / T).</summary>
    public static Calibration Measure(float[] logits, int[] labels, int classes, double temperature)
    {
        var counts = new int[BinCount];
        var confidence = new double[BinCount];
        var correct = new int[BinCount];
        for (var i = 0; i < labels.Length; i++)
        {
            var probabilities = TemperatureScaling.Softmax(logits.AsSpan(i * classes, classes), temperature);
            var predicted = Array.IndexOf(probabilities, probabilities.Max());
            var top = probabilities[predicted];
            var bin = Math.Min(BinCount - 1, (int)(top * BinCount));
            counts[bin]++;
            confidence[bin] += top;
            correct[bin] += predicted == labels[i] ? 1 : 0;
        }
        var bins = Enumerable.Range(0, BinCount).Select(b => new ReliabilityBin(
            (double)b / BinCount, (double)(b + 1) / BinCount, counts[b],
            counts[b] == 0 ? 0 : confidence[b] / counts[b], counts[b] == 0 ? 0 : (double)correct[b] / counts[b])).ToList();
        var ece = labels.Length == 0 ? 0 : bins.Sum(b => (double)b.Count / labels.Length * Math.Abs(b.Accuracy - b.MeanConfidence));
        return new Calibration(temperature, ece, bins);
    }
}
