using System.Globalization;
using System.Numerics;

namespace LeNet.Arithmetic;

/// <summary>
/// An exact fraction of arbitrary-size integers, always in lowest terms with a positive denominator: handwritten
/// sums are computed exactly, so 7 ÷ 2 is 7/2 (shown 3.5) and 1 ÷ 3 stays 1/3 (shown with ≈ 0.333).
/// </summary>
public readonly record struct Rational
{
    private Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
            throw new DivideByZeroException();
        var divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (denominator.Sign < 0)
            divisor = -divisor;
        Numerator = numerator / divisor;
        Denominator = denominator / divisor;
    }

    /// <summary>The numerator, sign included.</summary>
    public BigInteger Numerator { get; }

    /// <summary>The denominator, always positive.</summary>
    public BigInteger Denominator { get; }

    /// <summary>Whether this is a whole number.</summary>
    public bool IsInteger => Denominator.IsOne;

    /// <summary>Whether this is zero.</summary>
    public bool IsZero => Numerator.IsZero;

    /// <summary>A whole number.</summary>
    public static Rational Of(BigInteger value) => new(value, BigInteger.One);

    /// <summary>The fraction <paramref name="numerator"/> / <paramref name="denominator"/>.</summary>
    /// <exception cref="DivideByZeroException">The denominator is zero.</exception>
    public static Rational Of(BigInteger numerator, BigInteger denominator) => new(numerator, denominator);

    /// <summary>Sum.</summary>
    public static Rational operator +(Rational a, Rational b) => new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    /// <summary>Difference.</summary>
    public static Rational operator -(Rational a, Rational b) => new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    /// <summary>Negation.</summary>
    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);

    /// <summary>Product.</summary>
    public static Rational operator *(Rational a, Rational b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    /// <summary>Quotient.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="b"/> is zero.</exception>
    public static Rational operator /(Rational a, Rational b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    /// <summary>The nearest double.</summary>
    public double ToDouble() => (double)Numerator / (double)Denominator;

    /// <summary>
    /// Exact when it can be: <c>12</c>, <c>-3.5</c> (a terminating decimal of up to 12 places), else <c>1/3</c>.
    /// </summary>
    public override string ToString()
    {
        if (IsInteger)
            return Numerator.ToString(CultureInfo.InvariantCulture);
        return TerminatingDecimal() ?? $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The value to show a person: exact, and for a fraction that never ends also "≈ 0.333".</summary>
    public string Display => IsInteger || TerminatingDecimal() is not null
        ? ToString()
        : $"{this} ≈ {ToDouble().ToString("0.###", CultureInfo.InvariantCulture)}";

    /// <summary>The decimal expansion when the denominator has no prime factors but 2 and 5 and it is short.</summary>
    private string? TerminatingDecimal()
    {
        var denominator = Denominator;
        int twos = 0, fives = 0;
        while (denominator % 2 == 0) { denominator /= 2; twos++; }
        while (denominator % 5 == 0) { denominator /= 5; fives++; }
        var places = Math.Max(twos, fives);
        if (!denominator.IsOne || places > 12)
            return null;
        var scaled = BigInteger.Abs(Numerator) * BigInteger.Pow(10, places) / Denominator;
        var digits = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(places + 1, '0');
        var text = $"{digits[..^places]}.{digits[^places..]}";
        return Numerator.Sign < 0 ? "-" + text : text;
    }
}
