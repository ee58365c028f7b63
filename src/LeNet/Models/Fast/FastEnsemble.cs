namespace LeNet.Models.Fast;

/// <summary>
/// One or more LeNet-5s read entirely in C#: a single network's scores as they are, an ensemble's as the logarithm
/// of its members' averaged, temperature-softened probabilities (what <see cref="EnsembleNetwork"/> computes).
/// </summary>
internal sealed class FastEnsemble(IReadOnlyList<LeNet5Inference> members, IReadOnlyList<double> temperatures)
{
    /// <summary>Scores <c>[count, outputs]</c> for normalised 28 × 28 inputs.</summary>
    public float[] Scores(float[] inputs, int count, int threads)
    {
        if (members.Count == 1)
            return members[0].Scores(inputs, count, threads);
        var outputs = members[0].Classes;
        var sum = new double[count * outputs];
        for (var m = 0; m < members.Count; m++)
        {
            var scores = members[m].Scores(inputs, count, threads);
            for (var i = 0; i < count; i++)
            {
                var row = scores.AsSpan(i * outputs, outputs);
                var max = double.MinValue;
                foreach (var s in row)
                    max = Math.Max(max, s / temperatures[m]);
                var total = 0.0;
                foreach (var s in row)
                    total += Math.Exp(s / temperatures[m] - max);
                for (var c = 0; c < outputs; c++)
                    sum[i * outputs + c] += Math.Exp(row[c] / temperatures[m] - max) / total;
            }
        }
        return [.. sum.Select(p => (float)Math.Log(Math.Max(p / members.Count, 1e-12)))];
    }
}
