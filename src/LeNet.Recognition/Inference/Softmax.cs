namespace LeNet.Inference;

/// <summary>Probabilities from network scores.</summary>
public static class Softmax
{
    /// <summary>Softmax of one row of scores at temperature T (T &gt; 1 softens, T &lt; 1 sharpens).</summary>
    public static double[] Of(ReadOnlySpan<float> scores, double temperature = 1)
    {
        var result = new double[scores.Length];
        var max = double.MinValue;
        foreach (var v in scores)
            max = Math.Max(max, v / temperature);
        double sum = 0;
        for (var i = 0; i < scores.Length; i++)
            sum += result[i] = Math.Exp(scores[i] / temperature - max);
        for (var i = 0; i < result.Length; i++)
            result[i] /= sum;
        return result;
    }
}
