using LeNet.Inference;

namespace LeNet.Tests.Inference;

/// <summary>When a line's symbols make a text, and when they are only guesses at noise.</summary>
public sealed class LineReadingTests
{
    [Fact]
    public void A_line_read_right_with_unsure_pieces_of_touching_digits_keeps_its_text_and_says_it_is_unsure()
    {
        // A validation pen writer's "41206" with "120" touching: the three cut pieces are read right at 43, 49 and 38 %.
        // Three unsure symbols of five had made the whole line read as nothing.
        var symbols = Line(("4", 1.0), ("1", 0.43), ("2", 0.49), ("0", 0.38), ("6", 1.0));

        var reading = new LineReading(LineReading.TextOf(symbols, unsureBelow: 0.5), symbols, 300, 100);

        Assert.Equal("41206", reading.Text);
        Assert.True(reading.Unsure);
    }

    [Fact]
    public void Guesses_at_noise_make_no_text()
    {
        // Random pixels read as marks of a few per cent each, with the odd confident-looking one.
        var symbols = Line(("7", 0.03), ("1", 0.80), ("4", 0.02), ("0", 0.13), ("9", 0.29));

        Assert.Equal("", LineReading.TextOf(symbols, unsureBelow: 0.5));
        Assert.Equal("", LineReading.TextOf([], unsureBelow: 0.5));
    }

    [Fact]
    public void Without_an_unsure_threshold_every_line_has_its_text()
    {
        var symbols = Line(("7", 0.03), ("1", 0.02));

        Assert.Equal("71", LineReading.TextOf(symbols, unsureBelow: 0));
    }

    private static List<LineDigit> Line(params (string Label, double Probability)[] symbols) =>
        [.. symbols.Select((s, i) => new LineDigit(new PixelBox(40 * i, 0, 30, 40),
            new DigitPrediction(s.Label, s.Probability, [new ClassProbability(s.Label, s.Probability)], s.Probability < 0.5, null, [s.Probability], new byte[784])))];
}
