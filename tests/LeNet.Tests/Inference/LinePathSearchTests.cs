using LeNet.Inference;

namespace LeNet.Tests.Inference;

/// <summary>The graph search that chooses a line's reading among the candidates the network read.</summary>
public sealed class LinePathSearchTests
{
    private static readonly IReadOnlyList<string> Math = Symbols.Math;

    [Fact]
    public void In_a_sum_an_unsure_stroke_is_read_as_the_symbol_that_makes_it_a_sum()
    {
        // "2+3", then a stroke the network finds a bracket at 50 % and a 1 at 40 %: no bracket was opened.
        var path = Search([.. TwoPlusThree, Reading(3, (Symbols.Close, 0.5), ("1", 0.4))], LineOptions.Default);

        Assert.Equal("2+31", Text(path));
        Assert.Equal(0.4, path[3].Prediction!.Probability, 9);
        Assert.True(path[3].Prediction!.Unsure);
    }

    [Fact]
    public void A_clear_symbol_is_read_as_written_even_where_it_breaks_the_syntax()
    {
        var path = Search([.. TwoPlusThree, Reading(3, (Symbols.Close, 0.995), ("1", 0.004))], LineOptions.Default);

        Assert.Equal("2+3)", Text(path));
    }

    [Fact]
    public void Without_the_grammar_every_candidate_is_its_most_likely_class()
    {
        var path = Search([.. TwoPlusThree, Reading(3, (Symbols.Close, 0.5), ("1", 0.4))], LineOptions.Default with { GrammarCost = 0 });

        Assert.Equal("2+3)", Text(path));
    }

    [Fact]
    public void A_stroke_between_two_numbers_is_the_operator_a_sum_needs()
    {
        // 8 6 0 | 9 7 6 = : the stroke is a 1 at 60 % and a / at 35 %, but a number alone with = is no sum.
        LineCandidate[] readings =
        [
            Reading(0, ("8", 0.99)), Reading(1, ("6", 0.99)), Reading(2, ("0", 0.99)), Reading(3, ("1", 0.6), (Symbols.Slash, 0.35)),
            Reading(4, ("9", 0.99)), Reading(5, ("7", 0.99)), Reading(6, ("6", 0.99)), Reading(7, (Symbols.EqualsSign, 0.99)),
        ];

        Assert.Equal("860/976=", Text(Search(readings, LineOptions.Default)));
    }

    private static LineCandidate[] TwoPlusThree => [Reading(0, ("2", 0.99)), Reading(1, (Symbols.Plus, 0.99)), Reading(2, ("3", 0.99))];

    private static List<LineCandidate> Search(LineCandidate[] readings, LineOptions options)
    {
        var n = readings.Length;
        var skips = Enumerable.Range(0, n).Select(i => new LineCandidate(i, i + 1, Box(i), -20, null)).ToList();
        return LinePathSearch.Best(n, readings, new double[n + 1], skips, Math, options, sum: true, RecognizerOptions.Default.UnsureBelow);
    }

    private static string Text(List<LineCandidate> path) => string.Concat(path.Select(r => r.Prediction!.Label));

    private static PixelBox Box(int piece) => new(piece * 30, 0, 20, 40);

    /// <summary>Piece <paramref name="piece"/> read as these classes with these probabilities (the rest share what is left).</summary>
    private static LineCandidate Reading(int piece, params (string Label, double Probability)[] classes)
    {
        var rest = (1 - classes.Sum(c => c.Probability)) / (Math.Count - classes.Length);
        var probabilities = Math.Select(m => classes.FirstOrDefault(c => c.Label == m) is { Label: not null } c ? c.Probability : rest).ToList();
        var (label, probability) = classes[0];
        var prediction = new DigitPrediction(label, probability, [.. classes.Select(c => new ClassProbability(c.Label, c.Probability))], false, null,
            probabilities, new byte[28 * 28]);
        return new LineCandidate(piece, piece + 1, Box(piece), System.Math.Log(probability), prediction);
    }
}
