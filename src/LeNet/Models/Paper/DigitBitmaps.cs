namespace LeNet.Models.Paper;

/// <summary>
/// The fixed ±1 parameters of the paper's output units: stylised 7 × 12 bitmaps of the digits (LeCun et al. 1998,
/// Fig. 3). The paper shows the bitmaps only as a small figure, so these are drawn here in its spirit: strokes two
/// pixels wide on a 7-wide, 12-tall grid, "#" for +1 (ink) and "." for −1.
/// </summary>
public static class DigitBitmaps
{
    /// <summary>Width of a bitmap.</summary>
    public const int Width = 7;

    /// <summary>Height of a bitmap.</summary>
    public const int Height = 12;

    private static readonly string[][] Drawings =
    [
        [".#####.", "##...##", "##...##", "##...##", "##...##", "##...##", "##...##", "##...##", "##...##", "##...##", "##...##", ".#####."], // 0
        ["...##..", "..###..", ".####..", "...##..", "...##..", "...##..", "...##..", "...##..", "...##..", "...##..", "...##..", ".######"], // 1
        [".#####.", "##...##", ".....##", ".....##", "....##.", "...##..", "..##...", ".##....", "##.....", "##.....", "##.....", "#######"], // 2
        [".#####.", "##...##", ".....##", ".....##", ".....##", "..####.", ".....##", ".....##", ".....##", ".....##", "##...##", ".#####."], // 3
        ["....##.", "...###.", "..####.", ".##.##.", "##..##.", "##..##.", "#######", "....##.", "....##.", "....##.", "....##.", "....##."], // 4
        ["#######", "##.....", "##.....", "##.....", "######.", ".....##", ".....##", ".....##", ".....##", ".....##", "##...##", ".#####."], // 5
        ["..####.", ".##....", "##.....", "##.....", "######.", "##...##", "##...##", "##...##", "##...##", "##...##", "##...##", ".#####."], // 6
        ["#######", ".....##", ".....##", "....##.", "....##.", "...##..", "...##..", "..##...", "..##...", "..##...", "..##...", "..##..."], // 7
        [".#####.", "##...##", "##...##", "##...##", "##...##", ".#####.", "##...##", "##...##", "##...##", "##...##", "##...##", ".#####."], // 8
        [".#####.", "##...##", "##...##", "##...##", "##...##", "##...##", ".######", ".....##", ".....##", ".....##", "....##.", ".####.."], // 9
    ];

    /// <summary>The ten bitmaps as ±1 values, <c>[10 × 84]</c> row-major (digit after digit, row after row).</summary>
    public static float[] Prototypes()
    {
        var values = new float[Drawings.Length * Width * Height];
        for (var digit = 0; digit < Drawings.Length; digit++)
        {
            var rows = Drawings[digit];
            if (rows.Length != Height || rows.Any(r => r.Length != Width))
                throw new InvalidOperationException($"bitmap of {digit} is not {Width} × {Height}");
            for (var y = 0; y < Height; y++)
                for (var x = 0; x < Width; x++)
                    values[(digit * Height + y) * Width + x] = rows[y][x] == '#' ? 1 : -1;
        }
        return values;
    }
}
