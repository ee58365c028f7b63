namespace LeNet.Inference;

/// <summary>
/// How the line reader weighs its evidence. The defaults were chosen on generated lines of the validation writers and
/// fonts (never the test ones): see <c>lenet bench lines</c>.
/// </summary>
/// <param name="ShapeWeight">Weight of the class's height-and-position likelihood against the network's log-probability.</param>
/// <param name="CutPenalty">Cost of cutting through ink (log-probability units): touching characters are the exception.</param>
/// <param name="NoiseCost">Cost of leaving a small mark unread as noise.</param>
/// <param name="CharacterBonus">
/// Reward for every character read (log-probability units): without it a path of fewer characters pays fewer
/// log-probabilities and a minus swallowed by the digit beside it is cheaper than both read apart.
/// </param>
/// <param name="LeanWeight">
/// Weight of the lean of a straight-stroke class (1, /) against its height and position: the lean is what tells a /
/// from an upright 1 once the writer's slant is removed, where the 28 × 28 input, trained on writers of every slant,
/// barely can. Other classes' lean counts with weight 1. Chosen on the validation sums (1,000): 1, 2, 3, 4 read 64.7,
/// 65.5, 66.0, 65.0 % when first chosen; with cuts through up to three strokes and eight pieces per character, 1, 1.5,
/// 2, 2.5, 3, 4 read 85.5, 85.6, 85.7, 85.6, 85.3, 84.7 %.
/// </param>
/// <param name="GrammarCost">
/// Reading a sum (<see cref="DigitRecognizer.ReadExpression(GrayImage)"/>, <c>lenet calc</c>): the cost of each breach of a
/// sum's syntax (<see cref="ExpressionGrammar"/>), in log-probability units; 0 reads symbols without regard to syntax.
/// A line read as a line (<see cref="DigitRecognizer.ReadLine(GrayImage)"/>) is never weighed by it.
/// </param>
/// <param name="NumberGap">
/// Reading a sum: the widest gap, in digit heights, that the digits of one number leave between them without cost
/// (or the line's own usual gap, when that is wider: see <see cref="LineSpacing"/>).
/// </param>
/// <param name="NumberGapCost">
/// Reading a sum: the cost, per digit height beyond <paramref name="NumberGap"/>, of a gap inside a number, so that a
/// stroke standing apart between two digits is read as the / it is rather than the 1 that would join them.
/// </param>
/// <param name="MaxPiecesPerCharacter">
/// Most pieces one character may be made of (strokes, slices, dots): a digit between two touching neighbours, cut
/// along both seams, with a broken stroke of its own, is five or six. Chosen with the seam cut (see
/// <c>CutPaths.Weight</c>) on the validation lines: 4, 5, 6, 7 pieces read 88.2, 89.0, 89.5, 89.7 % of digit lines and
/// 82.6, 83.3, 83.5, 83.5 % of sums exactly; 8 reads as 7 (a character is no wider than <paramref name="MaxWidth"/>).
/// Since cuts may cross three strokes (more, narrower slices), 6, 7 and 8 read 92.1 / 85.1, 92.5 / 85.2 and
/// 92.7 / 85.3 % of digit lines / sums, and 9 or 10 as 8.
/// </param>
/// <param name="MaxWidth">Widest character, in digit heights.</param>
/// <param name="ImpliedProductCost">
/// Reading a sum: the cost of a bracket opened straight after a number or a closing bracket, a product with its ×
/// left out (<see cref="ExpressionGrammar.ImpliedProduct"/>): less than a breach, since people do write <c>2(3+4)</c>.
/// On 2,000 validation sums, 0 (none, as before), 1, 2 and 4 read 85.4, 85.6, 85.7 and 85.8 % exactly; the generated
/// sums never leave the × out, so a cost as high as a breach would only be chosen for them: half of one is kept.
/// </param>
/// <param name="SliceMinusWeight">
/// How much a minus counts, against the network's reading, in a run that holds part of a blob the cuts sliced: people
/// leave room around a minus, and what a cut leaves that looks like one is the end of a bar that ran on into the next
/// character (a 4's crossbar, a 2's base). The rest of the probability goes to "none of these". On 2,000 validation
/// sums 1 (no weight, as before), 0.3, 0.1, 0.03 and 0.01 read 85.9, 86.2, 86.4, 86.4 and 86.3 % exactly (with
/// <see cref="LineRecognizer.Dots"/> offering no slice as a multiplication dot).
/// </param>
/// <param name="SlantLook">
/// How far (in columns per row) either side of the estimated slant the line is read again when a symbol of its first
/// reading is unsure (<paramref name="LookBelow"/>); the reading whose best path scores highest is kept. The estimate
/// is one figure for the whole line, and a line whose slant it misses has its touching digits cut and its 1s and 7s
/// leaning wrong. 0 reads once. On 6,000 validation lines (1,500 digit lines and 1,500 sums of each of two seeds),
/// read again every time: 5,460 read exactly once, 5,516 with 0.07, 5,539 with 0.1 and 5,537 with 0.15.
/// </param>
/// <param name="LookBelow">
/// A line is read again at other slants (<paramref name="SlantLook"/>) when any symbol of its first reading is less
/// likely than this: at 0.5, 5,520 of the 6,000 validation lines above read exactly; at 0.9, 5,538, but most sums are
/// then read three times (1,000 test sums: p50 20.0 against 9.1 ms at 0.5, where a line may take 10 ms).
/// </param>
public sealed record LineOptions(double ShapeWeight = 0.25, double CutPenalty = 0.5, double NoiseCost = 1.5, int MaxPiecesPerCharacter = 8, double MaxWidth = 1.2,
    double CharacterBonus = 0.25, double LeanWeight = 2, double GrammarCost = 4, double NumberGap = 0.15, double NumberGapCost = 10,
    double ImpliedProductCost = 2, double SliceMinusWeight = 0.1, double SlantLook = 0.1, double LookBelow = 0.5)
{
    /// <summary>The defaults.</summary>
    public static LineOptions Default { get; } = new();
}
