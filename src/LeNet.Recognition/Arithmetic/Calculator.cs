using System.Numerics;
using LeNet.Inference;

namespace LeNet.Arithmetic;

/// <summary>What a handwritten sum says and what it comes to.</summary>
/// <param name="Expression">The symbols read, e.g. <c>7÷2=</c>.</param>
/// <param name="Value">The value of the left-hand side (or of the whole expression without <c>=</c>); null on error.</param>
/// <param name="RightSide">The value written after <c>=</c>, when there is one.</param>
/// <param name="Holds">With a right-hand side: whether the equation is true.</param>
/// <param name="Error">Why it cannot be computed, in a sentence; null when it can.</param>
/// <param name="ErrorPosition">The index of the symbol at fault.</param>
public sealed record ExpressionResult(string Expression, Rational? Value, Rational? RightSide, bool? Holds, string? Error, int? ErrorPosition)
{
    /// <summary>One line for a person: <c>7÷2 = 3.5</c>, <c>3+4=7 ✓ true</c>, or the error.</summary>
    public string Display => Error is not null
        ? $"{Expression}: {Error}"
        : Holds is { } holds
            ? $"{Expression} {(holds ? "✓ true" : $"✗ false (the left side is {Value!.Value.Display})")}"
            : $"{Expression.TrimEnd('=')} = {Value!.Value.Display}";
}

/// <summary>
/// Computes handwritten arithmetic exactly: + − × ÷ (also x * · and / :), parentheses with implicit multiplication
/// (<c>2(3+4)</c>), unary minus, and <c>=</c> — at the end it means "compute", with a right-hand side "check". A
/// small recursive-descent parser with the usual precedence; text is never evaluated as code.
/// </summary>
public static class Calculator
{
    /// <summary>The longest number accepted, in digits: beyond this a line is surely misread, and big integers stay cheap.</summary>
    public const int MaxDigits = 60;

    /// <summary>Evaluates <paramref name="expression"/>, a string of symbols (spaces ignored).</summary>
    public static ExpressionResult Evaluate(string expression)
    {
        var symbols = new List<string>();
        foreach (var character in expression.Where(c => !char.IsWhiteSpace(c)))
        {
            if (Symbols.ClassOf(character) is not { } symbol)
                return Failed(expression, $"'{character}' is not a digit or an arithmetic symbol", symbols.Count);
            symbols.Add(symbol);
        }
        var text = string.Concat(symbols);
        try
        {
            return new Parser(symbols).Equation(text);
        }
        catch (ExpressionException e)
        {
            return Failed(text, e.Message, e.Position);
        }
    }

    private static ExpressionResult Failed(string expression, string error, int position) => new(expression, null, null, null, error, position);

    /// <summary>The grammar, one method per rule, over the symbols left to right.</summary>
    private sealed class Parser(List<string> symbols)
    {
        private int _at;

        private string? Next => _at < symbols.Count ? symbols[_at] : null;

        public ExpressionResult Equation(string text)
        {
            if (symbols.Count == 0)
                throw new ExpressionException("nothing to compute: no symbols were read", 0);
            var left = Sum();
            if (Next is null)
                return new ExpressionResult(text, left, null, null, null, null);
            if (Next != Symbols.EqualsSign)
                throw Unexpected();
            _at++;
            if (Next is null)
                return new ExpressionResult(text, left, null, null, null, null);
            var right = Sum();
            if (Next is not null)
                throw Next == Symbols.EqualsSign ? new ExpressionException("more than one '=': write one equation per line", _at) : Unexpected();
            return new ExpressionResult(text, left, right, left == right, null, null);
        }

        private Rational Sum()
        {
            var value = Product();
            while (Next is Symbols.Plus or Symbols.Minus)
            {
                var plus = symbols[_at++] == Symbols.Plus;
                var term = Product();
                value = plus ? value + term : value - term;
            }
            return value;
        }

        private Rational Product()
        {
            var value = Signed();
            while (true)
            {
                if (Next is Symbols.Times or Symbols.Divide or Symbols.Slash)
                {
                    var (symbol, position) = (symbols[_at], _at++);
                    var factor = Signed();
                    if (symbol == Symbols.Times)
                        value *= factor;
                    else
                        value = factor.IsZero ? throw new ExpressionException($"division by zero at '{symbol}' (symbol {position + 1})", position) : value / factor;
                }
                else if (Next == Symbols.Open)
                    value *= Signed(); // 2(3+4): a bracket right after a value multiplies it
                else
                    return value;
            }
        }

        private Rational Signed()
        {
            if (Next == Symbols.Minus)
            {
                _at++;
                return -Signed();
            }
            if (Next == Symbols.Plus)
            {
                _at++;
                return Signed();
            }
            return Primary();
        }

        private Rational Primary()
        {
            if (Next is null)
                throw new ExpressionException(_at == 0 ? "nothing to compute" : $"the expression ends after '{symbols[_at - 1]}': a number is missing", _at);
            if (Next == Symbols.Open)
            {
                var open = _at++;
                var value = Sum();
                if (Next != Symbols.Close)
                    throw new ExpressionException($"the '(' at symbol {open + 1} is never closed", Next is null ? _at : _at);
                _at++;
                return value;
            }
            if (!Symbols.IsDigit(Next))
                throw Unexpected();
            var start = _at;
            while (Next is { } digit && Symbols.IsDigit(digit))
                _at++;
            if (_at - start > MaxDigits)
                throw new ExpressionException($"a number of {_at - start} digits: at most {MaxDigits} are read", start);
            return Rational.Of(BigInteger.Parse(string.Concat(symbols.Skip(start).Take(_at - start)), System.Globalization.CultureInfo.InvariantCulture));
        }

        private ExpressionException Unexpected() => Next switch
        {
            Symbols.Close => new ExpressionException($"the ')' at symbol {_at + 1} has no matching '('", _at),
            Symbols.EqualsSign => new ExpressionException($"'=' at symbol {_at + 1} has nothing before it to compute", _at),
            { } symbol => new ExpressionException($"'{symbol}' at symbol {_at + 1} cannot follow '{(_at > 0 ? symbols[_at - 1] : "the start")}': a number is missing", _at),
            null => new ExpressionException("the expression ends too early", _at),
        };
    }
}
