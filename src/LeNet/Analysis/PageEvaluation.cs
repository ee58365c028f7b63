using LeNet.Inference;
using LeNet.Synthesis;

namespace LeNet.Analysis;

/// <summary>How well pages of several lines were read.</summary>
/// <param name="Pages">Pages read.</param>
/// <param name="Lines">Lines written on them.</param>
/// <param name="LinesFound">Fraction of pages on which as many lines were found as were written.</param>
/// <param name="LinesExact">Fraction of the written lines read exactly (on a page whose lines were found).</param>
/// <param name="PagesExact">Fraction of pages with every line read exactly.</param>
/// <param name="Failures">Pages read wrong: who wrote them, the lines written and the lines read (separated by ';').</param>
public sealed record PageReport(int Pages, int Lines, double LinesFound, double LinesExact, double PagesExact, IReadOnlyList<LineFailure> Failures);

/// <summary>Reads generated pages of lines (<see cref="PagePhotos"/>) as <c>lenet read</c> and <c>lenet calc</c> read a photo, and sums up.</summary>
public static class PageEvaluation
{
    /// <summary>Reads every page with <paramref name="recognizer"/> (as sums with <paramref name="arithmetic"/>).</summary>
    public static PageReport Evaluate(DigitRecognizer recognizer, IReadOnlyList<PagePhoto> pages, bool arithmetic)
    {
        var read = pages.Select(p => recognizer.AnalysePage(ImageDecoder.Decode(p.Photo, p.Hand, recognizer.Options.ImageLimits), arithmetic)
            .Select(l => l.Reading.Text).ToList()).ToList();
        var found = pages.Select((p, i) => read[i].Count == p.Lines.Count).ToList();
        var exact = pages.Select((p, i) => found[i] ? p.Lines.Zip(read[i]).Count(l => l.First == l.Second) : 0).ToList();
        var lines = pages.Sum(p => p.Lines.Count);
        return new PageReport(pages.Count, lines, LineEvaluation.Fraction(found.Count(f => f), pages.Count), LineEvaluation.Fraction(exact.Sum(), lines),
            LineEvaluation.Fraction(pages.Where((p, i) => exact[i] == p.Lines.Count).Count(), pages.Count),
            [.. pages.Select((p, i) => (Page: p, Read: read[i])).Where((x, i) => exact[i] != x.Page.Lines.Count)
                .Select(x => new LineFailure(x.Page.Hand, string.Join(';', x.Page.Lines), string.Join(';', x.Read)))]);
    }
}
