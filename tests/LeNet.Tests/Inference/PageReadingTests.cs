using LeNet.Analysis;
using LeNet.Inference;
using LeNet.Synthesis;
using LeNet.Tests.Support;
using Xunit.Abstractions;

namespace LeNet.Tests.Inference;

/// <summary>A photo of several lines — a worksheet of sums, a column of numbers — is read line by line.</summary>
public sealed class PageReadingTests(HeldOutStyles styles, ITestOutputHelper output) : IClassFixture<HeldOutStyles>
{
    [Fact]
    public void A_worksheet_of_sums_by_held_out_writers_is_read_line_by_line_and_each_line_computed()
    {
        var pages = PagePhotos.Create(LinePhotos.Alternating(styles.Pens, styles.Fonts), LineKind.Arithmetic, count: 16, seed: 201);

        var report = PageEvaluation.Evaluate(styles.Math, pages, arithmetic: true);

        TestReport.Write(output, $"Held-out styles, pages of 2–5 sums ({report.Pages} pages, {report.Lines} lines): all lines found on {report.LinesFound:P0} of the pages, " +
                                 $"lines read exactly {report.LinesExact:P1}, pages {report.PagesExact:P1}");
        Assert.Equal(1, report.LinesFound);
        Assert.True(report.LinesExact >= 0.75, $"lines read exactly {report.LinesExact:P1}");
        var page = pages[0];
        var sums = styles.Math.ReadExpressions(ImageDecoder.Decode(page.Photo, "page"));
        Assert.Equal(page.Lines.Count, sums.Count);
        Assert.True(sums.Zip(sums.Skip(1)).All(p => p.First.Line.Digits[0].Box.Top < p.Second.Line.Digits[0].Box.Top), "lines top to bottom, boxes in the photo's rows");
    }

    [Fact]
    public void A_band_of_ruled_paper_in_which_nothing_is_read_is_not_a_line_of_the_page()
    {
        // A validation pen writer's "582" with rules drawn across the photo by a script (tests/LeNet.Tests/Fixtures):
        // before rules were lifted, what was left of one beside the 5 made a band of its own, in which the line reader
        // found nothing at all; lifting them once cut the strokes that cross a rule at a slant, and the halves of the
        // characters were found as two lines.
        var photo = ImageDecoder.DecodeFile(Path.Combine(Samples.RepositoryRoot(), "tests", "LeNet.Tests", "Fixtures", "line-582-ruled.png"));

        var line = Assert.Single(styles.Digits.AnalysePage(photo));

        Assert.Equal("582", line.Reading.Text);
    }

    [Fact]
    public void A_photo_of_one_line_reads_the_same_as_a_page_as_alone()
    {
        var photos = LinePhotos.Create(styles.Pens, styles.Fonts, LineKind.Arithmetic, count: 30, seed: 203);

        foreach (var photo in photos)
        {
            var image = ImageDecoder.Decode(photo.Photo, "line");
            var page = styles.Math.AnalysePage(image, expression: true);
            var alone = styles.Math.AnalyseExpression(image).Reading;

            var line = Assert.Single(page);
            Assert.Equal(alone.Text, line.Reading.Text);
            Assert.Equal(alone.Digits.Select(d => d.Box), line.Reading.Digits.Select(d => d.Box));
        }
    }
}
