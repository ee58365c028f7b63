namespace LeNet.Inference;

/// <summary>
/// One writer wrote the whole line, so its characters can be read against each other, not only one by one (style
/// consistency). The network, trained on many writers, calls a 1 whose flag is long a 7 when it stands alone, and a 7
/// whose bar is short a 1; beside the same writer's own 7, whose bar is plainly longer, the first is his 1, and beside
/// his own 1 the second is his 7. So a symbol read 1 or 7 only weakly (log-odds of the one against the other under
/// <see cref="Weak"/>) is read as the other when another symbol on the line is read as its class far more surely
/// (by <see cref="Margin"/>). The line's other weak 1s and 7s are one shape of this writer's, barely told apart by the
/// network (a 7 whose bar is a tick, read 60 % 7 and 20 % 1 here and 40 % 1 and 30 % 7 there), so they are read
/// together: each as the class their log-odds, summed, favour (<see cref="Together"/>). Only this pair: the same
/// contrast for every pair of classes a symbol's first two answers make changed about as many lines for the worse as
/// for the better on the validation lines (9 ↔ 4, 6 ↔ 8, 1 ↔ /).
/// </summary>
internal static class WriterConsistency
{
    /// <summary>
    /// How much surer (log-odds of its class against the other of 1 and 7) another symbol of the line must be for a
    /// symbol to be doubted; and the log-odds under which a reading is weak enough to be. Chosen on validation lines:
    /// see README, "Lines and sums".
    /// </summary>
    internal const double Margin = 6, Weak = 3;

    /// <summary>
    /// 1s and 7s read with log-odds of one against the other under this are read together. Chosen on validation lines
    /// (see README, "Lines and sums"): from 2 to 2.5 every line it changed was read right afterwards or wrong before.
    /// </summary>
    internal const double Alike = 2;

    private const string One = "1", Seven = "7";

    /// <summary>
    /// The path with weak 1s and 7s beside a clear one of their class read as the other, and the weak ones left read
    /// together; the path itself when nothing changes.
    /// </summary>
    public static List<LineCandidate> Apply(List<LineCandidate> path, IReadOnlyList<string> classes, double unsureBelow)
    {
        var list = classes.ToList();
        var pair = (One: list.IndexOf(One), Seven: list.IndexOf(Seven));
        if (pair.One < 0 || pair.Seven < 0)
            return path;
        var surest = new Dictionary<string, double>();
        foreach (var p in path.Select(r => r.Prediction).OfType<DigitPrediction>().Where(p => p.Label is One or Seven))
            surest[p.Label] = Math.Max(surest.GetValueOrDefault(p.Label, double.NegativeInfinity), LogOdds(p, pair));
        var doubted = path.Select(r => Doubted(r.Prediction, pair, surest)).ToList();
        var contrasted = !doubted.Contains(true) ? path : [.. path.Select((r, i) => doubted[i]
            ? r with { Prediction = AsOther(r.Prediction!, classes, pair, LogOdds(r.Prediction!, pair) - (surest[r.Prediction!.Label] - Margin), unsureBelow) }
            : r)];
        return Together(contrasted, [.. Enumerable.Range(0, path.Count).Where(i => !doubted[i])], classes, pair, unsureBelow);
    }

    /// <summary>
    /// The path with the weak 1s and 7s among <paramref name="candidates"/> (log-odds under <see cref="Alike"/>; at
    /// least two) each read as the class their summed log-odds favour.
    /// </summary>
    private static List<LineCandidate> Together(List<LineCandidate> path, IReadOnlyList<int> candidates, IReadOnlyList<string> classes,
        (int One, int Seven) pair, double unsureBelow)
    {
        var alike = candidates.Where(i => path[i].Prediction is { Label: One or Seven } p && LogOdds(p, pair) < Alike).ToList();
        if (alike.Count < 2)
            return path;
        var sevenOdds = alike.Sum(i => path[i].Prediction!.Label == Seven ? LogOdds(path[i].Prediction!, pair) : -LogOdds(path[i].Prediction!, pair));
        var label = sevenOdds >= 0 ? Seven : One;
        if (alike.All(i => path[i].Prediction!.Label == label))
            return path;
        var read = path.ToList();
        foreach (var i in alike.Where(i => path[i].Prediction!.Label != label))
            read[i] = path[i] with { Prediction = AsOther(path[i].Prediction!, classes, pair, -Math.Abs(sevenOdds), unsureBelow) };
        return read;
    }

    /// <summary>Whether <paramref name="prediction"/> is a weak 1 or 7 beside a far surer one of its class.</summary>
    private static bool Doubted(DigitPrediction? prediction, (int One, int Seven) pair, Dictionary<string, double> surest) =>
        prediction is { Label: One or Seven } p && LogOdds(p, pair) is var odds && odds < Weak && surest[p.Label] - odds >= Margin;

    /// <summary>log P(its label) − log P(the other of 1 and 7).</summary>
    private static double LogOdds(DigitPrediction prediction, (int One, int Seven) pair)
    {
        var (read, other) = prediction.Label == One ? (pair.One, pair.Seven) : (pair.Seven, pair.One);
        return Math.Log(Math.Max(prediction.Probabilities[read], 1e-12)) - Math.Log(Math.Max(prediction.Probabilities[other], 1e-12));
    }

    /// <summary>
    /// The prediction read as the other of 1 and 7: the probability the network gave the two together, shared between
    /// them by the log-odds measured from the writer's own clear one, or summed over the writer's weak ones
    /// (<paramref name="relative"/> ≤ 0: at most as sure of its label as of the other).
    /// </summary>
    private static DigitPrediction AsOther(DigitPrediction prediction, IReadOnlyList<string> classes, (int One, int Seven) pair, double relative, double unsureBelow)
    {
        var (read, other) = prediction.Label == One ? (pair.One, pair.Seven) : (pair.Seven, pair.One);
        var probabilities = prediction.Probabilities.ToArray();
        var both = probabilities[read] + probabilities[other];
        probabilities[other] = both / (1 + Math.Exp(relative));
        probabilities[read] = both - probabilities[other];
        var probability = probabilities[other];
        var unsure = probability < unsureBelow;
        return prediction with
        {
            Label = classes[other],
            Probability = probability,
            Top3 = [.. probabilities.Select((p, c) => new ClassProbability(classes[c], p)).OrderByDescending(c => c.Probability).Take(3)],
            Unsure = unsure,
            UnsureReason = unsure ? $"confidence {probability:P0} is below the {unsureBelow:P0} threshold (read against the writer's other 1s and 7s)" : null,
            Probabilities = probabilities,
        };
    }
}
