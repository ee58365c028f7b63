using LeNet.Inference;

namespace LeNet.Tests.Inference;

/// <summary>A line's characters read against each other: one writer's 1s and 7s, told apart by comparing them with his own.</summary>
public sealed class WriterConsistencyTests
{
    private static readonly IReadOnlyList<string> Digits = Symbols.Digits;

    [Fact]
    public void A_weak_seven_beside_the_writers_clear_seven_is_his_one()
    {
        // A validation font's "36710" (Pangolin, whose 1 has a long flag): its 7 read 7 at log-odds +11.5 against 1, its
        // 1 read 7 as well, at +2.8.
        var path = Line(("3", 0.999, "5"), ("6", 0.999, "5"), Seven(11.5), Seven(2.8), ("0", 0.999, "6"));

        var read = WriterConsistency.Apply(path, Digits, unsureBelow: 0.5);

        Assert.Equal("36710", Text(read));
        Assert.InRange(read[3].Prediction!.Probability, 0.5, 1);
        Assert.Equal("1", read[3].Prediction!.Top3[0].Label);
        Assert.Equal(1.0, read[3].Prediction!.Probabilities.Sum(), 6);
    }

    [Fact]
    public void A_weak_one_beside_the_writers_clear_one_is_his_seven()
    {
        // A validation font's "73108774" (Just Another Hand, whose 7 has a short bar): its 1 read 1 at log-odds +10.1
        // against 7, its last 7 read 1 as well, at +0.8.
        var path = Line(Seven(1.9), ("3", 0.999, "5"), One(10.1), ("0", 0.999, "6"), ("8", 0.999, "3"), Seven(3.5), One(0.8), ("4", 0.999, "9"));

        var read = WriterConsistency.Apply(path, Digits, unsureBelow: 0.5);

        Assert.Equal("73108774", Text(read));
        Assert.InRange(read[6].Prediction!.Probability, 0.5, 1);
    }

    [Fact]
    public void Sevens_about_as_sure_as_each_other_stay_sevens()
    {
        var path = Line(Seven(8), Seven(4), Seven(2.5));

        Assert.Equal("777", Text(WriterConsistency.Apply(path, Digits, unsureBelow: 0.5)));
    }

    [Fact]
    public void A_weak_seven_with_no_other_seven_to_compare_stays_a_seven()
    {
        var path = Line(("9", 0.999, "4"), Seven(1.2), ("2", 0.999, "7"));

        Assert.Same(path, WriterConsistency.Apply(path, Digits, unsureBelow: 0.5));
    }

    [Fact]
    public void A_seven_the_network_is_fairly_sure_of_stays_a_seven_beside_a_surer_one()
    {
        // +4 is past the weak limit (3), though the clear 7 is 8 log-odds surer.
        var path = Line(Seven(12), Seven(4));

        Assert.Equal("77", Text(WriterConsistency.Apply(path, Digits, unsureBelow: 0.5)));
    }

    [Fact]
    public void A_writers_weak_sevens_and_ones_are_read_together()
    {
        // A validation font's "7543777" (Just Another Hand, whose 7's bar is a tick): its 7s read 7 at log-odds +3.2,
        // +1.3 and +0.9 against 1, and the sixth character 1 at +0.5 against 7. Of the weak ones (under 2) the 7s
        // outweigh the 1.
        var path = Line(Seven(3.2), ("5", 0.999, "3"), ("4", 0.999, "9"), ("3", 0.999, "2"), Seven(1.3), One(0.5), Seven(0.9));

        var read = WriterConsistency.Apply(path, Digits, unsureBelow: 0.5);

        Assert.Equal("7543777", Text(read));
        Assert.Equal(1.0, read[5].Prediction!.Probabilities.Sum(), 6);
        Assert.True(read[5].Prediction!.Probability > read[5].Prediction!.Probabilities[1]);
    }

    [Fact]
    public void Weak_ones_outweighing_a_weak_seven_make_it_a_one()
    {
        var path = Line(Seven(0.3), ("2", 0.999, "7"), One(1.5));

        Assert.Equal("121", Text(WriterConsistency.Apply(path, Digits, unsureBelow: 0.5)));
    }

    [Fact]
    public void A_one_the_network_is_fairly_sure_of_is_not_read_with_the_weak_sevens()
    {
        // Summed with the 7s it would make them 1s (−3 + 1.5 + 1); at +3 it is no weak one.
        var path = Line(One(3), Seven(1.5), Seven(1));

        Assert.Same(path, WriterConsistency.Apply(path, Digits, unsureBelow: 0.5));
    }

    [Fact]
    public void Classes_without_a_one_and_a_seven_are_left_alone()
    {
        IReadOnlyList<string> clothes = ["T-shirt", "Trouser", "Pullover"];
        var path = Line(clothes, ("T-shirt", 0.99, "Pullover"), ("Pullover", 0.6, "T-shirt"));

        Assert.Same(path, WriterConsistency.Apply(path, clothes, unsureBelow: 0.5));
    }

    /// <summary>A 7 whose log-odds against 1 are <paramref name="logOdds"/>.</summary>
    private static (string, double, string) Seven(double logOdds) => ("7", 0.98 / (1 + Math.Exp(-logOdds)), "1");

    /// <summary>A 1 whose log-odds against 7 are <paramref name="logOdds"/>.</summary>
    private static (string, double, string) One(double logOdds) => ("1", 0.98 / (1 + Math.Exp(-logOdds)), "7");

    private static List<LineCandidate> Line(params (string Label, double Probability, string RunnerUp)[] symbols) => Line(Digits, symbols);

    /// <summary>
    /// Candidates read as the labels given, each with its probability; the runner-up takes what is left up to 98 % (for
    /// a 7, the 1: see <see cref="Seven"/>), and the other classes share the last 2 %.
    /// </summary>
    private static List<LineCandidate> Line(IReadOnlyList<string> classes, params (string Label, double Probability, string RunnerUp)[] symbols) =>
        [.. symbols.Select((s, i) =>
        {
            var second = Math.Max(0, 0.98 - s.Probability);
            var rest = (1 - s.Probability - second) / (classes.Count - 2);
            var probabilities = classes.Select(c => c == s.Label ? s.Probability : c == s.RunnerUp ? second : rest).ToList();
            var prediction = new DigitPrediction(s.Label, s.Probability, [new ClassProbability(s.Label, s.Probability), new ClassProbability(s.RunnerUp, second)],
                false, null, probabilities, new byte[28 * 28]);
            return new LineCandidate(i, i + 1, new PixelBox(30 * i, 0, 20, 40), Math.Log(s.Probability), prediction);
        })];

    private static string Text(IEnumerable<LineCandidate> path) => string.Concat(path.Select(r => r.Prediction!.Label));
}
