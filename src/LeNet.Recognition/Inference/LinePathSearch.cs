namespace LeNet.Inference;

/// <summary>
/// The graph search of line reading: dynamic programming over the boundaries between pieces, each step a candidate
/// character (or a mark left unread), for the path with the highest total log-probability. Reading a sum (with a
/// model that reads arithmetic) the search runs over pairs of boundary and <see cref="ExpressionGrammar"/> state, and a
/// candidate may be taken as any class the network found nearly as likely as its first: a stroke read 1 at 48 % and
/// / at 44 % between two numbers becomes the /, where 1 would have made one long number of two. Where the syntax
/// allows both (<c>5/2÷9</c>, <c>512÷9</c>), the spacing decides: a number's digits stand close (<see cref="LineSpacing"/>).
/// </summary>
internal static class LinePathSearch
{
    /// <summary>
    /// The path through <paramref name="readings"/> over all the pieces, left to right, each candidate labelled as
    /// chosen, and its score (the sum of its log-probabilities, rewards and costs).
    /// </summary>
    /// <param name="cuts">The cost of ending a character at each boundary 0 … n (cut strokes, stacked pieces).</param>
    /// <param name="skips">For each piece, the reading that leaves it unread, with its cost as score.</param>
    /// <param name="classes">The model's classes, in the order of each prediction's probabilities.</param>
    /// <param name="sum">Whether the line is read as a sum, weighed by the grammar (unless <see cref="LineOptions.GrammarCost"/> is 0).</param>
    /// <param name="gaps">
    /// Reading a sum: the room before each candidate (<see cref="LineSpacing"/>); a digit that goes on a number across a
    /// wide gap pays <see cref="LineOptions.NumberGapCost"/> per digit height beyond <see cref="LineOptions.NumberGap"/>.
    /// </param>
    public static (List<LineCandidate> Path, double Score) Best(int n, IReadOnlyList<LineCandidate> readings, double[] cuts, IReadOnlyList<LineCandidate> skips,
        IReadOnlyList<string> classes, LineOptions options, bool sum, double unsureBelow, LineSpacing? gaps = null)
    {
        var grammar = sum && options.GrammarCost > 0;
        var states = grammar ? ExpressionGrammar.Count : 1;
        var best = new double[n + 1, states];
        // Back-pointers packed (12 bytes a step, where a candidate, its class and its state as a nullable tuple took 56;
        // a sum's table holds 256 states per boundary): which candidate, as which class, from which state.
        var back = new Step[n + 1, states];
        var steps = new List<LineCandidate>();
        for (var at = 0; at <= n; at++)
            for (var s = 0; s < states; s++)
                best[at, s] = double.NegativeInfinity;
        best[0, ExpressionGrammar.Start] = 0;
        var byEnd = readings.ToLookup(r => r.To);
        for (var to = 1; to <= n; to++)
        {
            foreach (var reading in byEnd[to].Append(skips[to - 1]))
            {
                steps.Add(reading);
                var step = steps.Count;
                var choices = Choices(reading, classes, grammar, options.GrammarCost);
                var apart = grammar && gaps is not null ? options.NumberGapCost * gaps.Excess(reading, options.NumberGap) : 0;
                for (var s = 0; s < states; s++)
                {
                    if (double.IsNegativeInfinity(best[reading.From, s]))
                        continue;
                    var start = best[reading.From, s] - cuts[to];
                    if (reading.Prediction is null)
                    {
                        Offer(best, back, to, s, start + reading.Score, new Step(step, Step.AsRead, s));
                        continue;
                    }
                    foreach (var choice in choices)
                    {
                        var (next, breach) = grammar ? ExpressionGrammar.Next(s, choice.Label) : (s, false);
                        var spread = apart > 0 && Symbols.IsDigit(choice.Label) && ExpressionGrammar.InNumber(s) ? apart : 0;
                        var syntax = breach ? options.GrammarCost : grammar && ExpressionGrammar.ImpliedProduct(s, choice.Label) ? options.ImpliedProductCost : 0;
                        Offer(best, back, to, next, start + choice.Score + options.CharacterBonus - syntax - spread, new Step(step, choice.Class, s));
                    }
                }
            }
        }
        var (end, score) = End(best, n, states, grammar, options.GrammarCost);
        return (Trace(back, steps, end, n, classes, unsureBelow), score);
    }

    private static void Offer(double[,] best, Step[,] back, int to, int state, double score, Step step)
    {
        if (score > best[to, state])
            (best[to, state], back[to, state]) = (score, step);
    }

    /// <summary>
    /// One step of the best path into a boundary and state: the candidate taken (1-based in the order the search met
    /// them; 0 for none), the index of the class it was taken as (<see cref="AsRead"/>: as the network read it, or a
    /// mark left unread), and the state before it.
    /// </summary>
    private readonly record struct Step(int Candidate, short Class, int From)
    {
        public const short AsRead = -1;
    }

    /// <summary>
    /// The classes a candidate may be taken as, with their path scores: its first alone without a grammar; with one,
    /// every class whose weighted probability is within a breach of the first's, since none further behind could win.
    /// </summary>
    private static List<Choice> Choices(LineCandidate reading, IReadOnlyList<string> classes, bool grammar, double cost)
    {
        if (reading.Prediction is not { } prediction)
            return [];
        if (!grammar)
            return [new Choice(prediction.Label, Step.AsRead, reading.Score)];
        var first = prediction.Probability;
        return [.. prediction.Probabilities.Select((p, c) => new Choice(classes[c], (short)c, reading.Score + Math.Log(Math.Max(p, 1e-300) / first)))
            .Where(c => c.Score >= reading.Score - cost)];
    }

    /// <summary>
    /// A class a candidate may be taken as, its index among the model's classes (<see cref="Step.AsRead"/>: as the network
    /// read it), and its path score.
    /// </summary>
    private readonly record struct Choice(string Label, short Class, double Score);

    /// <summary>The best state at the end of the line and its path's score, paying for an unfinished sum.</summary>
    private static (int State, double Score) End(double[,] best, int n, int states, bool grammar, double cost)
    {
        var (end, score) = (0, double.NegativeInfinity);
        for (var s = 0; s < states; s++)
        {
            var total = best[n, s] - (grammar && !ExpressionGrammar.CanEnd(s) ? cost : 0);
            if (total > score)
                (end, score) = (s, total);
        }
        return (end, score);
    }

    private static List<LineCandidate> Trace(Step[,] back, List<LineCandidate> steps, int state, int n, IReadOnlyList<string> classes, double unsureBelow)
    {
        var path = new List<LineCandidate>();
        for (var at = n; at > 0 && back[at, state] is { Candidate: > 0 } step; (at, state) = (steps[step.Candidate - 1].From, step.From))
        {
            var reading = steps[step.Candidate - 1];
            path.Add(step.Class != Step.AsRead && reading.Prediction is { } prediction && classes[step.Class] != prediction.Label
                ? reading with { Prediction = Relabelled(prediction, classes[step.Class], prediction.Probabilities[step.Class], unsureBelow) }
                : reading);
        }
        path.Reverse();
        return path;
    }

    /// <summary>The prediction taken as another of its classes, with that class's probability.</summary>
    private static DigitPrediction Relabelled(DigitPrediction prediction, string label, double probability, double unsureBelow)
    {
        var unsure = probability < unsureBelow;
        return prediction with
        {
            Label = label,
            Probability = probability,
            Unsure = unsure,
            UnsureReason = unsure ? $"confidence {probability:P0} is below the {unsureBelow:P0} threshold (read as a sum)" : null,
        };
    }
}
