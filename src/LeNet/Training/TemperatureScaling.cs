namespace LeNet.Training;

/// <summary>
/// Temperature scaling (Guo et al., 2017): one scalar T that divides the logits so that the softmax confidence
/// matches the observed accuracy, fitted by minimising the negative log-likelihood on held-out data.
/// </summary>
public static class TemperatureScaling
{
    /// <summary>The T in [0.05, 20] minimising NLL of <paramref name="logits"/> (<c>[N × classes]</c>, row-major).</summary>
    public static double Fit(float[] logits, int[] labels, int classes)
    {
        if (labels.Length == 0)
            return 1;
        // NLL is unimodal in log T: golden-section search to 1e-4 in log space.
        double low = Math.Log(0.05), high = Math.Log(20);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        while (high - low > 1e-4)
        {
            var a = high - ratio * (high - low);
            var b = low + ratio * (high - low);
            if (NegativeLogLikelihood(logits, labels, classes, Math.Exp(a)) < NegativeLogLikelihood(logits, labels, classes, Math.Exp(b)))
                high = b;
            else
                low = a;
        }
        return Math.Exp((low + high) / 2);
    }

    /// <summary>Mean negative log-likelihood of the labels under softmax(logits / T).</summary>
    public static double NegativeLogLikelihood(float[] logits, int[] labels, int classes, double temperature)
    {
        double total = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var row = logits.AsSpan(i * classes, classes);
            var max = double.MinValue;
            foreach (var v in row)
                max = Math.Max(max, v / temperature);
            double sum = 0;
            foreach (var v in row)
                sum += Math.Exp(v / temperature - max);
            total += Math.Log(sum) + max - row[labels[i]] / temperature;
        }
        return total / labels.Length;
    }

    /// <summary>Softmax of one row of logits at temperature T.</summary>
    public static double[] Softmax(ReadOnlySpan<float> logits, double temperature) => Inference.Softmax.Of(logits, temperature);
}
