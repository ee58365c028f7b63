namespace LeNet.Inference;

/// <summary>
/// The grid of a paper's printed rules: one after another at a steady step, and on squared paper as far apart down
/// the page as across it, at a right angle. A tall stroke of the writing (a 1, a bracket) that runs down the whole of
/// a line's photo looks like a rule down the page, but seldom lies on the grid the others make, and a photo is
/// squared paper only when half the grid's places hold such a rule. The grid's places where no rule was found say
/// where to look again.
/// </summary>
public static class RuleGrid
{
    /// <summary>The largest difference of turn between the two sets of rules, as a rise per column (about 3°): a photo taken at a slant skews the squares a little.</summary>
    public const double MaxSkew = 0.05;
    /// <summary>How far a rule may lie from its place on the grid, as a share of the step (and at least <see cref="MinOff"/> pixels).</summary>
    private const double Off = 0.08;
    private const double MinOff = 2;
    /// <summary>At least this many rules down the page…</summary>
    private const int Fewest = 3;
    /// <summary>…and this share of the grid's places along the page hold one.</summary>
    private const double Filled = 0.5;

    /// <summary>
    /// Of <paramref name="candidates"/> — where rules of turn <paramref name="slope"/> run down the page, found with the
    /// photo turned a quarter — those on the grid of the rules across it (<paramref name="acrossSlope"/>,
    /// <paramref name="acrossOffsets"/>), along a page <paramref name="length"/> pixels long, with those that
    /// <paramref name="standAlone"/> (a narrow photo shows one rule down the page, or none of a grid).
    /// </summary>
    public static List<double> Down(IReadOnlyList<double> candidates, double slope, double acrossSlope, IReadOnlyList<double> acrossOffsets, int length,
        Func<double, bool> standAlone)
    {
        // Turned a quarter, a rule down the page turns the other way.
        if (candidates.Count == 0 || Math.Abs(slope + acrossSlope) > MaxSkew)
            return [];
        var alone = candidates.Where(standAlone).ToList();
        var grid = Grid(candidates, acrossOffsets, length);
        return [.. grid.Union(alone).Order()];
    }

    /// <summary>
    /// <paramref name="rules"/> (two or more, a steady step apart) with the places of their grid where none was found:
    /// beyond either end, to half a step outside the photo (a rule there, mostly outside, crosses too little of it to be
    /// found, and what it leaves inside reads as a 1 or a minus), and in the gaps of whole steps between them; inside the
    /// photo only where <paramref name="faint"/> finds a fainter rule near the place (held by fewer strips: a dim corner
    /// of the photo), and there.
    /// </summary>
    public static List<double> Extended(List<double> rules, int length, Func<double, double?> faint)
    {
        if (rules.Count < 2)
            return rules;
        var sorted = rules.Order().ToList();
        var step = Step(sorted);
        var places = new List<double>();
        for (var place = sorted[0] - step; place > -step / 2; place -= step)
            places.Add(place);
        for (var place = sorted[^1] + step; place < length + step / 2; place += step)
            places.Add(place);
        foreach (var (from, to) in sorted.Zip(sorted.Skip(1)))
        {
            var steps = (int)Math.Round((to - from) / step);
            for (var k = 1; k < steps; k++)
                places.Add(from + k * (to - from) / steps);
        }
        var found = places.Select(place => place < 0 || place >= length ? place : faint(place)).OfType<double>();
        return [.. sorted.Concat(found).Distinct().Order()];
    }

    /// <summary>
    /// The candidates on one grid, its step that of the rules across (or, with one rule across, their own): at least
    /// two a step apart where the step is the rules' across, else three, and half the grid's places along the page.
    /// </summary>
    private static List<double> Grid(IReadOnlyList<double> candidates, IReadOnlyList<double> acrossOffsets, int length)
    {
        var sorted = candidates.Order().ToList();
        var across = acrossOffsets.Count >= 2;
        var step = Step(across ? acrossOffsets : sorted);
        if (step < 4 * MinOff)
            return [];
        var best = sorted.Select(anchor => Chain(sorted, anchor, step)).MaxBy(chain => chain.Count)!;
        return best.Count >= (across ? Fewest - 1 : Fewest) && best.Count >= Filled * length / step ? best : [];
    }

    /// <summary>The grid's step: the middle of the gaps between neighbouring rules.</summary>
    private static double Step(IReadOnlyList<double> rules)
    {
        var sorted = rules.Order().ToList();
        var gaps = sorted.Zip(sorted.Skip(1), (a, b) => b - a).Order().ToList();
        return gaps.Count == 0 ? 0 : gaps[gaps.Count / 2];
    }

    /// <summary>
    /// The rules on the grid through <paramref name="anchor"/>, found outwards from it, each a whole number of steps
    /// from the last one kept (so a step a little off does not add up along the page).
    /// </summary>
    private static List<double> Chain(List<double> sorted, double anchor, double step)
    {
        var off = Math.Max(MinOff, Off * step);
        var chain = new List<double> { anchor };
        foreach (var direction in new[] { 1, -1 })
        {
            var last = anchor;
            foreach (var rule in direction > 0 ? sorted.Where(r => r > anchor) : sorted.Where(r => r < anchor).Reverse())
            {
                var steps = Math.Round((rule - last) / step);
                if (steps != 0 && Math.Abs(rule - last - steps * step) <= off)
                {
                    chain.Add(rule);
                    last = rule;
                }
            }
        }
        return [.. chain.Order()];
    }
}
