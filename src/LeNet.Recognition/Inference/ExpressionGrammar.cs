namespace LeNet.Inference;

/// <summary>
/// The syntax of a handwritten sum as a small finite-state machine, so that the line reader's path search can prefer
/// readings that are sums: numbers and operators alternate, brackets close what they opened, a number does not start
/// with 0, and there is at most one <c>=</c>. Like the grammar the 1998 paper composes with its recognizer to read
/// cheques (§ VIII), it steers only where the network is unsure: each breach of the syntax costs
/// <see cref="LineOptions.GrammarCost"/> (log-probability units) rather than being forbidden, so a sum written wrongly
/// still reads as written when its symbols are clear.
/// </summary>
/// <remarks>
/// A state packs what comes last (<see cref="Last"/>), how many brackets are open (0–3; more count as 3) and whether
/// <c>=</c> was passed. The calculator (<see cref="Arithmetic.Calculator"/>) is the authority on what computes; this
/// machine follows it closely enough to rank readings.
/// </remarks>
internal static class ExpressionGrammar
{
    /// <summary>What the symbols so far end with.</summary>
    private enum Last { Start, Zero, Number, Operator, Minus, Open, Close, EqualsSign }

    private const int MaxDepth = 3;

    /// <summary>How many states there are; states are 0 … Count − 1, and <see cref="Start"/> is one of them.</summary>
    public const int Count = 8 * (MaxDepth + 1) * 2 * 2;

    /// <summary>Before the first symbol.</summary>
    public const int Start = 0;

    /// <summary>The state after <paramref name="symbol"/> follows <paramref name="state"/>, and whether that breaks the syntax.</summary>
    public static (int State, bool Breach) Next(int state, string symbol)
    {
        var (last, depth, right, operated) = Unpack(state);
        var operand = IsOperand(last);
        if (Symbols.IsDigit(symbol))
        {
            // A number goes on, or starts; "0" alone is a number, but 07 is not how anyone writes seven.
            var next = symbol == "0" && !operand ? Last.Zero : Last.Number;
            return (Pack(next, depth, right, operated), last is Last.Zero or Last.Close);
        }
        return symbol switch
        {
            Symbols.Open => (Pack(Last.Open, Math.Min(depth + 1, MaxDepth), right, operated), false),
            Symbols.Close => (Pack(Last.Close, Math.Max(depth - 1, 0), right, operated), !operand || depth == 0),
            Symbols.Minus when !operand => (Pack(Last.Minus, depth, right, true), last == Last.Minus),
            // A sum has something to do before its = (3+4=); what follows it may be a number alone (3+4=7).
            Symbols.EqualsSign => (Pack(Last.EqualsSign, 0, true, operated), !operand || depth > 0 || right || !operated),
            _ => (Pack(Last.Operator, depth, right, true), !operand),
        };
    }

    /// <summary>
    /// Whether <paramref name="symbol"/> after <paramref name="state"/> is a bracket opened straight after an operand:
    /// a product with its × left out (<c>2(3+4)</c>). People write it, but seldom, and where the network is unsure
    /// a ÷ or × before the bracket is likelier than nothing (<c>49÷(</c> read <c>49(</c>, the colon's dots taken
    /// into the 9).
    /// </summary>
    public static bool ImpliedProduct(int state, string symbol) =>
        symbol == Symbols.Open && IsOperand(Unpack(state).Last);

    /// <summary>Whether the symbols so far end in an operand: a number, or a bracket just closed.</summary>
    private static bool IsOperand(Last last) => last is Last.Zero or Last.Number or Last.Close;

    /// <summary>
    /// Whether a line may end in <paramref name="state"/>: after an operand or a final <c>=</c>, every bracket closed,
    /// and at least one operator written (a number alone is no sum to compute).
    /// </summary>
    public static bool CanEnd(int state)
    {
        var (last, depth, _, operated) = Unpack(state);
        return state == Start || (last is Last.Zero or Last.Number or Last.Close or Last.EqualsSign && depth == 0 && operated);
    }

    /// <summary>Whether the symbols so far end inside a number, so that a digit now would go on with it.</summary>
    public static bool InNumber(int state) => Unpack(state).Last is Last.Zero or Last.Number;

    private static int Pack(Last last, int depth, bool right, bool operated) => (int)last | depth << 3 | (right ? 1 << 5 : 0) | (operated ? 1 << 6 : 0);

    private static (Last Last, int Depth, bool Right, bool Operated) Unpack(int state) =>
        ((Last)(state & 7), state >> 3 & 3, (state & 32) != 0, (state & 64) != 0);
}
