namespace LeNet.Models.Fast;

/// <summary>
/// Scores of an ensemble from its members' scores: the logarithm of the members' averaged, temperature-softened
/// probabilities (what the training package's EnsembleNetwork computes), so softmax of the result gives the average.
/// </summary>
internal static class FastEnsemble
{
    /// <summary>Combines <paramref name="members"/>' scores <c>[count × outputs]</c> each; one member's are returned as they are.</summary>
    public static float[] Combine(IReadOnlyList<float[]> members, IReadOnlyList<double> temperatures, int count, int outputs)
    {
        if (members.Count == 1)
            return members[0];
        var sum = new double[count * outputs];
        for (var m = 0; m < members.Count; m++)
        {
            for (var i = 0; i < count; i++)
            {
                var probabilities = Inference.Softmax.Of(members[m].AsSpan(i * outputs, outputs), temperatures[m]);
                for (var c = 0; c < outputs; c++)
                    sum[i * outputs + c] += probabilities[c];
            }
        }
        return [.. sum.Select(p => (float)Math.Log(Math.Max(p / members.Count, 1e-12)))];
    }
}
