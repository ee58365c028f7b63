using LeNet.Arithmetic;

namespace LeNet.Tests.Arithmetic;

public sealed class CalculatorTests
{
    [Theory]
    [InlineData("17−2+76", "91")]
    [InlineData("(7×1)−(4−1)+5", "9")]
    [InlineData("10+20=", "30")]
    [InlineData("2+3×4", "14")]
    [InlineData("(2+3)×4", "20")]
    [InlineData("2(3+4)", "14")]
    [InlineData("(1+2)(3+4)", "21")]
    [InlineData("8÷2÷2", "2")]
    [InlineData("8/2/2", "2")]
    [InlineData("8:4", "2")]
    [InlineData("3*4", "12")]
    [InlineData("3x4", "12")]
    [InlineData("−5+2", "-3")]
    [InlineData("2×−3", "-6")]
    [InlineData("7÷2", "3.5")]
    [InlineData("1÷8", "0.125")]
    [InlineData("1÷3", "1/3")]
    [InlineData("007", "7")]
    public void Computes_with_the_usual_precedence_exactly(string expression, string value)
    {
        var result = Calculator.Evaluate(expression);

        Assert.Null(result.Error);
        Assert.Equal(value, result.Value!.Value.ToString());
    }

    [Fact]
    public void Shows_a_fraction_that_never_ends_with_its_decimal_approximation()
    {
        Assert.Equal("1/3 ≈ 0.333", Calculator.Evaluate("1÷3").Value!.Value.Display);
        Assert.Equal("7÷2 = 3.5", Calculator.Evaluate("7÷2=").Display);
    }

    [Theory]
    [InlineData("3+4=7", true)]
    [InlineData("3+4=8", false)]
    [InlineData("6÷4=1.5", null)] // a decimal point is not a symbol the reader writes
    public void An_equals_sign_with_a_right_side_checks_the_equation(string expression, bool? holds)
    {
        var result = Calculator.Evaluate(expression);

        if (holds is null)
        {
            Assert.NotNull(result.Error);
            return;
        }
        Assert.Null(result.Error);
        Assert.Equal(holds, result.Holds);
    }

    [Theory]
    [InlineData("3+", "the expression ends after '+': a number is missing", 2)]
    [InlineData("(3+4", "the '(' at symbol 1 is never closed", 4)]
    [InlineData("3+4)", "the ')' at symbol 4 has no matching '('", 3)]
    [InlineData("5÷(2−2)", "division by zero at '÷' (symbol 2)", 1)]
    [InlineData("=5", "'=' at symbol 1 has nothing before it to compute", 0)]
    [InlineData("1=2=3", "more than one '=': write one equation per line", 3)]
    [InlineData("", "nothing to compute: no symbols were read", 0)]
    [InlineData("3+×4", "'×' at symbol 3 cannot follow '+': a number is missing", 2)]
    public void An_expression_that_cannot_be_computed_says_why_and_where(string expression, string error, int position)
    {
        var result = Calculator.Evaluate(expression);

        Assert.Null(result.Value);
        Assert.Equal(error, result.Error);
        Assert.Equal(position, result.ErrorPosition);
    }

    [Fact]
    public void Text_that_is_not_arithmetic_is_refused_not_evaluated()
    {
        var result = Calculator.Evaluate("System.Exit(1)");

        Assert.Equal("'S' is not a digit or an arithmetic symbol", result.Error);
    }

    [Fact]
    public void Numbers_longer_than_the_limit_are_refused()
    {
        var result = Calculator.Evaluate(new string('9', Calculator.MaxDigits + 1));

        Assert.StartsWith($"a number of {Calculator.MaxDigits + 1} digits", result.Error);
    }

    [Fact]
    public void Big_integers_stay_exact()
    {
        var result = Calculator.Evaluate("99999999999999999999×99999999999999999999");

        Assert.Equal("9999999999999999999800000000000000000001", result.Value!.Value.ToString());
    }
}
