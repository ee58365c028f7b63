using LeNet.Analysis;
using LeNet.Inference;
using LeNet.Models;

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

    /// <summary>Three upright strokes 60 px tall, well apart, dark on white paper.</summary>
    private static GrayImage ThreeStrokes()
    {
        var image = GrayImage.Blank(320, 120, 1);
        foreach (var left in new[] { 60, 150, 240 })
            for (var y = 30; y < 90; y++)
                for (var x = left; x < left + 6; x++)
                    image[x, y] = 0;
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
