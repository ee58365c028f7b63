using LeNet.Analysis;
using LeNet.Inference;
using LeNet.Models;
using LeNet.Synthesis;
using LeNet.Tests.Support;

namespace LeNet.Tests.Inference;

/// <summary>A sum is read as a sum; a line of symbols read as a line is not.</summary>
public sealed class ExpressionReadingTests
{
    [Fact]
    public void Three_strokes_read_as_a_sum_have_an_operator_among_them_but_read_as_a_line_are_three_ones()
    {
        // A network that reads every stroke as 1 at 60 % and / at 35 %: "111" has no operator, so as a sum the middle
        // stroke is the /; as a line (lenet read) the strokes are what the network reads best.
        using var bundled = DigitRecognizer.LoadBundled(model: BundledModel.Math);
        var metadata = bundled.Metadata with { Temperature = 1, Shapes = null };
        using var reader = new DigitRecognizer(metadata, new StrokeReader(metadata), RecognizerOptions.Default with { Threads = 1 });
        var strokes = ThreeStrokes();

        Assert.Equal("111", reader.ReadLine(strokes).Text);
        var sum = reader.ReadExpression(strokes);
        Assert.Equal("1/1", sum.Line.Text);
        Assert.Equal("1", sum.Result.Value!.Value.Display);
    }

    [Theory]
    [InlineData("sum-1.jpg", "17−2+76 = 91")]
    [InlineData("sum-2.jpg", "(7×1)−(4−1)+5 = 9")]
    [InlineData("sum-3.jpg", "10+20 = 30")]
    [InlineData("sum-4.jpg", "7÷2 = 3.5")]
    [InlineData("sum-5.jpg", "3+4=7 ✓ true")]
    public void The_sample_sums_written_by_held_out_writers_are_read_and_computed_as_samples_README_says(string file, string expected)
    {
        using var reader = DigitRecognizer.LoadBundled(model: BundledModel.Math);

        var sum = reader.ReadExpression(File.ReadAllBytes(Samples.File(file)), file);

        Assert.Equal(expected, sum.Result.Display);
    }

    [Fact]
    public void A_four_whose_crossbar_runs_on_past_its_stem_is_read_as_a_four_not_as_a_product_or_a_difference()
    {
        // Architects Daughter (a validation font) draws its 4's crossbar on past the stem; the cut that slices it off
        // left a small dash, read as a multiplication dot or a minus: of 40 photos of "49+40×45=", 8 were read right,
        // the others as "49+4×0×45=", "49+4−0×4−5=" and the like.
        var hand = HeldOutStyles.InstalledFonts().Hands(StyleSplit.Validation).Single(f => f.Name == "Architects Daughter");
        using var reader = DigitRecognizer.LoadBundled(RecognizerOptions.Default with { Threads = 1 }, model: BundledModel.Math);
        const string Text = "49+40×45=";

        var photos = LinePhotos.Create(_ => hand, LineKind.Arithmetic, count: 40, seed: 11, threads: 1, text: Text);
        var exact = photos.Count(p => reader.ReadExpression(p.Photo, "line").Line.Text == Text);

        Assert.True(exact >= 30, $"{exact} of 40 read exactly");
    }

    [Fact]
    public void A_product_written_with_a_large_round_dot_is_read_as_a_product()
    {
        // Klee One (a validation font) draws · as a solid disc a third of a digit tall: too big to be a small mark, it was
        // read by the network alone, which knows no dot, mostly as ÷ ("44÷79−1"): 21 of 40 photos were read right, 34 now.
        var hand = HeldOutStyles.InstalledFonts().Hands(StyleSplit.Validation).Single(f => f.Name == "Klee One");
        using var reader = DigitRecognizer.LoadBundled(RecognizerOptions.Default with { Threads = 1 }, model: BundledModel.Math);
        const string Text = "44×79−1";

        var exact = Enumerable.Range(0, 40).Count(seed =>
        {
            var random = new Random(seed);
            var line = LineComposer.Write(hand, [.. Text.Select(c => c.ToString())], new LineLayout(48, DotChance: 1), random);
            return reader.ReadExpression(PaperPhoto.Take(line.Ink, random, maxRotation: 4), "line").Line.Text == Text;
        });

        Assert.True(exact >= 30, $"{exact} of 40 read exactly");
    }

    /// <summary>Three upright strokes 60 px tall, well apart, dark on white paper.</summary>
    private static GrayImage ThreeStrokes()
    {
        var image = GrayImage.Blank(320, 120, 1);
        foreach (var left in new[] { 60, 150, 240 })
            image.Fill(new PixelBox(left, 30, 6, 60), 0);
        return image;
    }

    private sealed class StrokeReader(ModelMetadata metadata) : INetwork
    {
        public string Engine => "test";

        public long Parameters => 0;

        public float[] Scores(float[] inputs, int count)
        {
            var (outputs, classes) = (metadata.Outputs, metadata.ClassNames.ToList());
            var scores = new float[count * outputs];
            for (var i = 0; i < count; i++)
            {
                for (var c = 0; c < outputs; c++)
                    scores[i * outputs + c] = -20;
                scores[i * outputs + classes.IndexOf("1")] = MathF.Log(0.6f);
                scores[i * outputs + classes.IndexOf(Symbols.Slash)] = MathF.Log(0.35f);
            }
            return scores;
        }

        public IReadOnlyList<FeatureMap> FeatureMaps(float[] input) => [];

        public void Dispose()
        {
        }
    }
}
