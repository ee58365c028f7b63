namespace LeNet.Models.Paper;

/// <summary>
/// Fixed ±1 parameters for the paper's output units that form an error-correcting code: ten rows of an 84 × 84
/// Hadamard matrix, so that every two digits' codes differ in exactly 42 of their 84 places. The paper drew its codes
/// as stylised bitmaps, useful when strings of all printable characters are read, and names the alternatives for
/// isolated digits: codes "chosen at random … or even chosen to form an error correcting code" (LeCun et al. 1998,
/// section II.B). Its bitmaps of 0 and 8 differ in 5 places (<see cref="DigitBitmaps"/>), so a network must place
/// F6's output far more exactly to tell them apart than to tell any two of these codes apart.
/// </summary>
/// <remarks>
/// Built by Paley's construction for the prime q = 83 (q ≡ 3 mod 4): H = I + S, where S's first row is (0, 1, …, 1),
/// its first column below that is −1, and below and right of them S[i, j] is the quadratic character of j − i modulo q.
/// Row 0 of H is all ones; rows 1–10 each hold 42 ones and are orthogonal to each other. Written out here because no
/// library at hand builds Hadamard matrices, and the construction is a dozen lines.
/// </remarks>
public static class HadamardCode
{
    private const int Prime = 83, Order = Prime + 1;

    /// <summary>The ten codes as ±1 values, <c>[10 × 84]</c> row-major, as <see cref="DigitBitmaps.Prototypes"/> lays them out.</summary>
    public static float[] Prototypes()
    {
        var residues = Enumerable.Range(1, Prime - 1).Select(x => x * x % Prime).ToHashSet();
        var values = new float[10 * Order];
        for (var row = 1; row <= 10; row++)
            for (var column = 0; column < Order; column++)
                values[(row - 1) * Order + column] = Entry(row, column, residues);
        return values;
    }

    /// <summary>H[row, column] for a row below the first.</summary>
    private static int Entry(int row, int column, HashSet<int> residues)
    {
        if (column == 0)
            return -1;
        var difference = ((column - row) % Prime + Prime) % Prime;
        var character = difference == 0 ? 0 : residues.Contains(difference) ? 1 : -1;
        return character + (row == column ? 1 : 0);
    }
}
