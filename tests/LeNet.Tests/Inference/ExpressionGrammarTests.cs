using LeNet.Inference;

namespace LeNet.Tests.Inference;

/// <summary>The syntax of a handwritten sum, as the line reader's path search weighs it.</summary>
public sealed class ExpressionGrammarTests
{
    [Theory]
    [InlineData("17−2+76")]
    [InlineData("(7×1)−(4−1)+5")]
    [InlineData("−3+4=")]
    [InlineData("2(3+4)=14")]
    [InlineData("0÷3−9=")]
    [InlineData("7/2=3")]
    [InlineData("((1+2)×3)")]
    [InlineData("5×−2=−10")]
    public void A_sum_as_people_write_it_breaks_no_rule(string sum) =>
        Assert.Empty(Breaches(sum));

    [Theory]
    [InlineData("2(", true)] // a product with its × left out
    [InlineData("(3)(", true)]
    [InlineData("2×(", false)]
    [InlineData("((", false)]
    [InlineData("(", false)]
    public void A_bracket_opened_straight_after_a_number_is_a_product_with_its_times_sign_left_out(string symbols, bool implied)
    {
        var state = ExpressionGrammar.Start;
        foreach (var symbol in symbols[..^1])
            (state, _) = ExpressionGrammar.Next(state, symbol.ToString());

        Assert.Equal(implied, ExpressionGrammar.ImpliedProduct(state, symbols[^1].ToString()));
    }

    [Theory]
    [InlineData("3+×4", 2)] // two operators in a row
    [InlineData("07+1", 1)] // a number starting with 0
    [InlineData("(3+4", 4)] // a bracket left open: the line cannot end there
    [InlineData("3+4)", 3)] // a bracket closed that was never opened
    [InlineData("1+2=3=3", 5)] // two equals signs
    [InlineData("=3", 0)] // nothing to compute before the equals sign
    [InlineData("(3)4", 3)] // a number right after a closing bracket
    [InlineData("17=", 2)] // an equals sign with nothing to compute before it
    [InlineData("8601976", 7)] // a number alone is no sum
    [InlineData("3×−−4", 3)] // a minus after a sign (3−−4, three minus minus four, is a sum)
    public void A_reading_that_is_no_sum_breaks_a_rule_where_it_goes_wrong(string reading, int at) =>
        Assert.Equal(at, Breaches(reading).First());

    /// <summary>The positions of the symbols that break the syntax, and the length when the line cannot end as it does.</summary>
    private static List<int> Breaches(string text)
    {
        var symbols = text.Select(c => Symbols.ClassOf(c)!).ToList();
        var (state, breaches) = (ExpressionGrammar.Start, new List<int>());
        for (var i = 0; i < symbols.Count; i++)
        {
            (state, var breach) = ExpressionGrammar.Next(state, symbols[i]);
            if (breach)
                breaches.Add(i);
        }
        if (!ExpressionGrammar.CanEnd(state))
            breaches.Add(symbols.Count);
        return breaches;
    }
}
