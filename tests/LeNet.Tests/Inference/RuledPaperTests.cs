using LeNet.Analysis;
using LeNet.Synthesis;
using LeNet.Tests.Support;
using Xunit.Abstractions;

namespace LeNet.Tests.Inference;

/// <summary>Writing on ruled or squared paper, an exercise book's page, is read as writing on plain paper is.</summary>
public sealed class RuledPaperTests(HeldOutStyles styles, ITestOutputHelper output) : IClassFixture<HeldOutStyles>
{
    [Theory]
    [InlineData(Paper.Ruled)]
    [InlineData(Paper.Squared)]
    public void Lines_on_ruled_or_squared_paper_by_held_out_writers_read_about_as_well_as_the_same_lines_on_plain_paper(Paper paper)
    {
        // The same lines in the same hands, one set photographed on plain paper and one on ruled or squared.
        var plain = LineEvaluation.Evaluate(styles.Digits, LinePhotos.Create(styles.Pens, styles.Fonts, LineKind.Digits, count: 60, seed: 205), arithmetic: false);
        var ruled = LineEvaluation.Evaluate(styles.Digits, LinePhotos.Create(styles.Pens, styles.Fonts, LineKind.Digits, count: 60, seed: 205, paper: paper), arithmetic: false);

        TestReport.Write(output, $"Held-out styles, 60 digit lines read exactly: plain paper {plain.Exact:P1}, {paper.ToString().ToLowerInvariant()} paper {ruled.Exact:P1} (wrong number of symbols {ruled.WrongLength:P1})");
        Assert.True(ruled.Exact >= plain.Exact - 0.1, $"{paper} {ruled.Exact:P1} against plain {plain.Exact:P1}");
    }

    [Fact]
    public void Every_line_of_a_worksheet_on_ruled_paper_is_found()
    {
        var pages = PagePhotos.Create(LinePhotos.Alternating(styles.Pens, styles.Fonts), LineKind.Arithmetic, count: 12, seed: 207, paper: Paper.Ruled);

        var report = PageEvaluation.Evaluate(styles.Math, pages, arithmetic: true);

        TestReport.Write(output, $"Held-out styles, ruled pages of 2–5 sums ({report.Pages} pages, {report.Lines} lines): all lines found on {report.LinesFound:P0} of the pages, " +
                                 $"lines read exactly {report.LinesExact:P1}");
        Assert.Equal(1, report.LinesFound);
        Assert.True(report.LinesExact >= 0.7, $"lines read exactly {report.LinesExact:P1}");
    }
}
