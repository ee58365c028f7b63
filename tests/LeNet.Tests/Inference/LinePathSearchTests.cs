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

    [Theory]
    [InlineData(16, "12/45+36")]
    [InlineData(2, "12145+36")]
    public void A_stroke_standing_apart_inside_what_would_be_one_number_is_an_operator(int room, string read)
    {
        // 1 2 | 4 5 + 3 6, the digits of each number 2 px apart on a 40 px line; the stroke is a 1 at 55 % and a / at
        // 40 %, and both 12/45+36 and 12145+36 are sums: only the room around the stroke tells them apart.
        var (lefts, widths) = (new List<int>(), new[] { 20, 20, 12, 20, 20, 20, 20, 20 });
        int[] gaps = [2, room, room, 2, 14, 14, 2];
        lefts.Add(0);
        for (var i = 1; i < widths.Length; i++)
            lefts.Add(lefts[^1] + widths[i - 1] + gaps[i - 1]);
        string[] labels = ["1", "2", "", "4", "5", Symbols.Plus, "3", "6"];
        LineCandidate Placed(int i) => (labels[i] == "" ? Reading(i, ("1", 0.55), (Symbols.Slash, 0.4)) : Reading(i, (labels[i], 0.99))) with
        {
            Box = new PixelBox(lefts[i], 0, widths[i], 40),
        };
        var readings = Enumerable.Range(0, widths.Length).Select(Placed).ToArray();
        var pieces = readings.Select((r, i) => new InkPiece([], r.Box, Blob: i)).ToList();
        var spacing = LineSpacing.Of(pieces, new LineGeometry(40, 20, 0));

        Assert.Equal(read, Text(Search(readings, LineOptions.Default, spacing)));
        Assert.Equal("12145+36", Text(Search(readings, LineOptions.Default with { NumberGapCost = 0 }, spacing)));
    }

    [Fact]
    public void An_unsure_sign_before_a_bracket_is_kept_rather_than_left_out_as_an_implied_product()
    {
        // 4 9 ÷ ( 3 + 1 ): the ÷ is a colon whose dots the network also reads as part of the 9 (92 %), and alone as a
        // ÷ at 50 %. Without the ÷ the sum is 49(3+1), a product with its × left out, which people seldom write.
        LineCandidate[] readings =
        [
            Reading(0, ("4", 0.99)), Reading(1, ("9", 0.98)), Reading(1, ("9", 0.92)) with { To = 3 }, Reading(2, (Symbols.Divide, 0.5)),
            Reading(3, (Symbols.Open, 0.99)), Reading(4, ("3", 0.99)), Reading(5, (Symbols.Plus, 0.99)), Reading(6, ("1", 0.99)),
            Reading(7, (Symbols.Close, 0.99)),
        ];

        Assert.Equal("49÷(3+1)", Text(Search(readings, LineOptions.Default)));
        Assert.Equal("49(3+1)", Text(Search(readings, LineOptions.Default with { ImpliedProductCost = 0 })));
    }

    private static LineCandidate[] TwoPlusThree => [Reading(0, ("2", 0.99)), Reading(1, (Symbols.Plus, 0.99)), Reading(2, ("3", 0.99))];

    private static List<LineCandidate> Search(LineCandidate[] readings, LineOptions options, LineSpacing? spacing = null)
    {
        var n = readings.Max(r => r.To);
        var skips = Enumerable.Range(0, n).Select(i => new LineCandidate(i, i + 1, Box(i), -20, null)).ToList();
        return LinePathSearch.Best(n, readings, new double[n + 1], skips, Math, options, sum: true, RecognizerOptions.Default.UnsureBelow, spacing).Path;
    }

    private static string Text(List<LineCandidate> path) => string.Concat(path.Select(r => r.Prediction?.Label ?? $"[skip {r.From}–{r.To}]"));

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
