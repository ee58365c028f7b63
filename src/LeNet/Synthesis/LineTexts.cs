using LeNet.Arithmetic;
using LeNet.Inference;

namespace LeNet.Synthesis;

/// <summary>What generated lines say: random numbers, and random sums that can be computed.</summary>
public static class LineTexts
{
    /// <summary>A text of <paramref name="kind"/> in symbols <paramref name="hand"/> can write.</summary>
    public static string Of(LineKind kind, IHand hand, Random random) => kind == LineKind.Digits ? Digits(random) : Arithmetic(random, hand);

    /// <summary>2–8 random digits.</summary>
    public static string Digits(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(2, 9)).Select(_ => (char)('0' + random.Next(10))));

    /// <summary>A sum that can be computed (no division by zero), in symbols the hand can write.</summary>
    public static string Arithmetic(Random random, IHand hand)
    {
        string[] operators = [.. new[] { Symbols.Plus, Symbols.Minus, Symbols.Times, Symbols.Divide, Symbols.Slash }.Where(hand.CanWrite)];
        while (true)
        {
            var numbers = random.Next(2, 7);
            var text = new System.Text.StringBuilder();
            var open = false;
            for (var k = 0; k < numbers; k++)
            {
                if (k > 0)
                    text.Append(operators[random.Next(operators.Length)]);
                var bracket = !open && k < numbers - 1 && random.NextDouble() < 0.2;
                if (bracket)
                    (text, open) = (text.Append(Symbols.Open), true);
                text.Append(Number(random));
                if (open && !bracket && random.NextDouble() < 0.6)
                    (text, open) = (text.Append(Symbols.Close), false);
            }
            if (open)
                text.Append(Symbols.Close);
            var result = Calculator.Evaluate(text.ToString());
            if (result.Error is not null)
                continue;
            var ending = random.NextDouble();
            if (ending < 0.5)
                text.Append(Symbols.EqualsSign);
            else if (ending < 0.75 && result.Value is { IsInteger: true } value && value.Numerator >= 0 && value.Numerator < 100_000)
                text.Append(Symbols.EqualsSign).Append(random.NextDouble() < 0.8 ? value.ToString() : (value.Numerator + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return text.ToString();
        }
    }

    private static string Number(Random random)
    {
        var digits = random.NextDouble() < 0.5 ? 1 : random.NextDouble() < 0.7 ? 2 : 3;
        var first = digits == 1 ? random.Next(10) : random.Next(1, 10);
        return first + string.Concat(Enumerable.Range(1, digits - 1).Select(_ => random.Next(10)));
    }
}
