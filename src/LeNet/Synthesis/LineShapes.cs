using LeNet.Inference;

namespace LeNet.Synthesis;

/// <summary>
/// Fits a <see cref="ShapePrior"/> on generated lines: each character's height, position and lean measured in the
/// upright line exactly as the reader measures them (<see cref="LineSegmentation"/>), for every class, in the
/// training writers and fonts.
/// </summary>
public static class LineShapes
{
    /// <summary>Lines written to fit a prior: enough for hundreds of marks per class.</summary>
    public const int DefaultLines = 600;

    /// <summary>The prior of <paramref name="classes"/> from <paramref name="lines"/> generated lines (arithmetic when the classes hold operators).</summary>
    public static ShapePrior Fit(IReadOnlyList<PenHand> pens, IReadOnlyList<FontHand> fonts, IReadOnlyList<string> classes, int lines, int seed, int threads = 0)
    {
        var kind = classes.Any(c => !Symbols.IsDigit(c)) ? LineKind.Arithmetic : LineKind.Digits;
        var marks = new List<(string Label, MarkShape Shape)>[lines];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, lines, parallel, i =>
        {
            var random = new Random(StableHash.Of("shapes", seed, i));
            IHand hand = fonts.Count == 0 || i % 2 == 0 ? pens[i / 2 % pens.Count] : fonts[i / 2 % fonts.Count];
            var text = LineTexts.Of(kind, hand, random);
            var line = LineComposer.Write(hand, [.. text.Select(c => c.ToString())], new LineLayout(Noise.Between(random, 30, 90)), random);
            marks[i] = Measure(line, classes);
        });
        return ShapePrior.Fit(marks.SelectMany(m => m));
    }

    /// <summary>Each character's shape in the upright line, from the pixels it owns there.</summary>
    private static List<(string Label, MarkShape Shape)> Measure(WrittenLine line, IReadOnlyList<string> classes)
    {
        var segmentation = LineSegmentation.Of(line.Ink, LineOptions.Default);
        var owners = segmentation.Upright(line.Owners, line.Ink.Width, line.Ink.Height);
        var upright = segmentation.Ink.Ink;
        var pixels = Enumerable.Range(0, line.Characters.Count).Select(_ => new List<int>()).ToArray();
        for (var p = 0; p < owners.Length; p++)
            if (owners[p] >= 0 && upright.Pixels[p] >= 0.5f)
                pixels[owners[p]].Add(p);
        var marks = new List<(string, MarkShape)>();
        for (var c = 0; c < line.Characters.Count; c++)
        {
            if (pixels[c].Count == 0 || !classes.Contains(line.Characters[c].Label))
                continue;
            var (xs, ys) = (pixels[c].Select(p => p % upright.Width).ToList(), pixels[c].Select(p => p / upright.Width).ToList());
            var box = new PixelBox(xs.Min(), ys.Min(), xs.Max() - xs.Min() + 1, ys.Max() - ys.Min() + 1);
            marks.Add((line.Characters[c].Label, segmentation.Line.Shape(box, MarkShape.LeanOf(pixels[c], upright))));
        }
        return marks;
    }
}
