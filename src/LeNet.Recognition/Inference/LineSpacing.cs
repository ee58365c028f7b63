namespace LeNet.Inference;

/// <summary>
/// How far each candidate character stands from the ink before it. The digits of a number are written close
/// together, and people leave room around an operator: a wide gap inside what would be one number is more likely an
/// operator read as a digit (a / standing apart between two digits, read as the 1 that would join them).
/// </summary>
/// <param name="InkRight">For each boundary 0 … n between pieces, the right edge of the character-sized ink before it (−∞: none).</param>
/// <param name="Height">The line's digit height, the unit of the gaps.</param>
/// <param name="Usual">
/// The line's usual gap between neighbouring blobs (their lower quartile), in digit heights: a writer who spaces every
/// character widely spaces a number's digits widely too.
/// </param>
internal sealed record LineSpacing(double[] InkRight, double Height, double Usual)
{
    /// <summary>Which quantile of the gaps between blobs is the line's usual one (a sum's gaps are mostly around operators).</summary>
    private const double UsualQuantile = 0.25;

    /// <summary>The spacing of <paramref name="pieces"/> on <paramref name="line"/>; dots and specks do not count.</summary>
    public static LineSpacing Of(IReadOnlyList<InkPiece> pieces, LineGeometry line)
    {
        var right = new double[pieces.Count + 1];
        right[0] = double.NegativeInfinity;
        var gaps = new List<double>();
        for (var i = 0; i < pieces.Count; i++)
        {
            var small = line.IsSmall(pieces[i].Box);
            // Between blobs only: the slices of one blob touch.
            if (!small && !double.IsNegativeInfinity(right[i]) && pieces[i - 1].Blob != pieces[i].Blob)
                gaps.Add((pieces[i].Box.Left - right[i]) / line.Height);
            right[i + 1] = small ? right[i] : Math.Max(right[i], pieces[i].Box.Right);
        }
        gaps.Sort();
        return new LineSpacing(right, line.Height, gaps.Count == 0 ? 0 : gaps[(int)(UsualQuantile * gaps.Count)]);
    }

    /// <summary>The clear space between <paramref name="candidate"/> and the ink before it, in digit heights (0 with none before).</summary>
    private double Before(LineCandidate candidate) =>
        double.IsNegativeInfinity(InkRight[candidate.From]) ? 0 : (candidate.Box.Left - InkRight[candidate.From]) / Height;

    /// <summary>
    /// How much wider than a number's digits leave (<paramref name="allowed"/> digit heights, or the line's usual gap
    /// if wider) the gap before <paramref name="candidate"/> is; 0 when it is not.
    /// </summary>
    public double Excess(LineCandidate candidate, double allowed) => Math.Max(0, Before(candidate) - Math.Max(allowed, Usual));
}
