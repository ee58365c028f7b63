using System.Diagnostics;
using LeNet.Arithmetic;
using LeNet.Inference;
using LeNet.Synthesis;

namespace LeNet.Analysis;

/// <summary>A line read wrong: what was written and what was read.</summary>
public sealed record LineFailure(string Hand, string Written, string Read);

/// <summary>How well whole lines were read.</summary>
/// <param name="Exact">Fraction read exactly, every symbol right.</param>
/// <param name="TouchingExact">The same, over the lines where two neighbours touch.</param>
/// <param name="DotLines">Lines whose × are written as dots (sums only).</param>
/// <param name="DotExact">Fraction of those read exactly.</param>
/// <param name="ValueRight">Arithmetic: fraction whose computed value (or true/false check) is right; null for digit lines.</param>
/// <param name="WrongLength">Fraction read with a different number of symbols (a segmentation error rather than a misread).</param>
/// <param name="Unsure">How well the lines' unsure flags point to the lines read wrong.</param>
/// <param name="LatencyMilliseconds">Median and 90th percentile, photo bytes to text (decode, preprocess, segment, read), one thread.</param>
/// <param name="Memory">What the same reading allocated, and the garbage collector's pauses.</param>
/// <param name="WarmUpLatencyMilliseconds">The same for a first pass over the photos, read to warm the process up before the
/// timed one (null when there was none): the latency of a process that has only just started reading.</param>
public sealed record LineReport(int Lines, double Exact, int TouchingLines, double TouchingExact, int DotLines, double DotExact, double? ValueRight,
    double WrongLength, UnsureFlags Unsure, (double Median, double P90) LatencyMilliseconds, ReadingMemory Memory, IReadOnlyList<StyleRow> ByHand, IReadOnlyList<Confusion> Confusions,
    IReadOnlyList<LineFailure> Failures, (double Median, double P90)? WarmUpLatencyMilliseconds = null);

/// <summary>Reads generated line photos one after another on one thread, timing each, and sums up.</summary>
public static class LineEvaluation
{
    /// <summary>
    /// Reads every photo with <paramref name="recognizer"/>; with <paramref name="warmUp"/>, twice, timing and measuring
    /// the second pass. A process that has just started runs its reading code first as the just-in-time compiler's
    /// quick first tier and recompiles it, optimised, on a thread of its own: with a second core free that costs the
    /// reading nothing, held to one core it slows the first few hundred lines (README, "One core, and the process warming up").
    /// </summary>
    public static LineReport Evaluate(DigitRecognizer recognizer, IReadOnlyList<LinePhoto> photos, bool arithmetic, bool warmUp = false)
    {
        var first = warmUp ? Latency(Read(recognizer, photos, arithmetic)) : ((double, double)?)null;
        var memory = ReadingMemory.Now();
        var outcomes = Read(recognizer, photos, arithmetic);
        var used = memory.Since(outcomes.Count);
        var exact = outcomes.Where(o => o.Right).ToList();
        var touching = outcomes.Where(o => o.Photo.HasTouching).ToList();
        var dots = outcomes.Where(o => o.Photo.HasDots).ToList();
        var confusions = outcomes.Where(o => o.Read.Length == o.Photo.Text.Length)
            .SelectMany(o => o.Photo.Text.Zip(o.Read).Where(p => p.First != p.Second).Select(p => (Truth: p.First.ToString(), Read: p.Second.ToString())))
            .GroupBy(p => p).Select(g => new Confusion(g.Key.Truth, g.Key.Read, g.Count())).OrderByDescending(c => c.Count).ToList();
        return new LineReport(outcomes.Count, Fraction(exact.Count, outcomes.Count), touching.Count,
            Fraction(touching.Count(o => o.Right), touching.Count), dots.Count, Fraction(dots.Count(o => o.Right), dots.Count),
            arithmetic ? Fraction(outcomes.Count(o => SameValue(o.Photo.Text, o.Read)), outcomes.Count) : null,
            Fraction(outcomes.Count(o => o.Read.Length != o.Photo.Text.Length), outcomes.Count), Flags(outcomes),
            Latency(outcomes), used,
            [.. outcomes.GroupBy(o => o.Photo.Hand).Select(g => new StyleRow(g.Key, g.Count(), Fraction(g.Count(o => o.Right), g.Count()), 1, 1)).OrderBy(r => r.Accuracy)],
            confusions,
            [.. outcomes.Where(o => !o.Right).Select(o => new LineFailure(o.Photo.Hand, o.Photo.Text, o.Read))], first);
    }

    /// <summary>One photo read: what was read, whether a symbol of it was flagged unsure, and how long it took.</summary>
    private readonly record struct Outcome(LinePhoto Photo, string Read, bool Flagged, double Milliseconds)
    {
        public bool Right => Read == Photo.Text;
    }

    private static List<Outcome> Read(DigitRecognizer recognizer, IReadOnlyList<LinePhoto> photos, bool arithmetic)
    {
        var outcomes = new List<Outcome>(photos.Count);
        foreach (var photo in photos)
        {
            var clock = Stopwatch.StartNew();
            // Read as lenet read and lenet calc read a photo, which may hold several lines: a line found as two is wrong.
            var lines = arithmetic ? [.. recognizer.ReadExpressions(photo.Photo, photo.Hand).Select(s => s.Line)] : recognizer.ReadLines(photo.Photo, photo.Hand);
            var milliseconds = clock.Elapsed.TotalMilliseconds;
            outcomes.Add(new Outcome(photo, string.Join('\n', lines.Select(l => l.Text)), lines.Any(l => l.UnsureSymbols.Count > 0), milliseconds));
        }
        return outcomes;
    }

    private static UnsureFlags Flags(List<Outcome> outcomes)
    {
        var (wrong, right) = (outcomes.Where(o => !o.Right).ToList(), outcomes.Where(o => o.Right).ToList());
        return new UnsureFlags(Fraction(wrong.Count(o => o.Flagged), wrong.Count), Fraction(wrong.Count(o => !o.Flagged), outcomes.Count),
            Fraction(right.Count(o => o.Flagged), right.Count));
    }

    private static (double Median, double P90) Latency(List<Outcome> outcomes)
    {
        var times = outcomes.Select(o => o.Milliseconds).Order().ToList();
        return (Percentile(times, 0.5), Percentile(times, 0.9));
    }

    /// <summary>Whether the reading computes to the same result as what was written.</summary>
    private static bool SameValue(string written, string read)
    {
        var (truth, reading) = (Calculator.Evaluate(written), Calculator.Evaluate(read));
        return truth.Error is null && reading.Error is null && truth.Value == reading.Value && truth.Holds == reading.Holds;
    }

    /// <summary><paramref name="part"/> of <paramref name="whole"/>, 0 of nothing.</summary>
    internal static double Fraction(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    private static double Percentile(List<double> sorted, double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
}
