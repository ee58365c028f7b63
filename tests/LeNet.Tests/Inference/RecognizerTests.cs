using System.Globalization;
using LeNet.Inference;
using LeNet.Tests.Support;

namespace LeNet.Tests.Inference;

public sealed class RecognizerTests(MnistTestDigits mnist) : IClassFixture<MnistTestDigits>
{
    private DigitRecognizer Recognizer => mnist.Recognizer;

    [Fact]
    public void MNIST_digits_pass_through_the_pipeline_unharmed()
    {
        var correct = Enumerable.Range(0, 200).Count(i =>
            Recognizer.PredictImage(mnist.Digits[i]).Label == mnist.Labels[i].ToString(CultureInfo.InvariantCulture));

        Assert.True(correct >= 197, $"{correct}/200");
    }

    [Fact]
    public void The_network_input_is_a_centred_28_by_28_digit_fitting_a_20_pixel_box()
    {
        var photo = new PaperPhotos(3).Digit(mnist.Digits[0]);

        var input = GrayImage.FromBytes(28, 28, Recognizer.Predict(photo).NetworkInput);

        double mass = 0, x = 0, y = 0;
        int left = 28, right = -1, top = 28, bottom = -1;
        for (var row = 0; row < 28; row++)
            for (var column = 0; column < 28; column++)
            {
                var v = input[column, row];
                (mass, x, y) = (mass + v, x + v * (column + 0.5), y + v * (row + 0.5));
                if (v > 0.05f)
                    (left, right, top, bottom) = (Math.Min(left, column), Math.Max(right, column), Math.Min(top, row), Math.Max(bottom, row));
            }
        Assert.InRange(x / mass, 13, 15);
        Assert.InRange(y / mass, 13, 15);
        Assert.Equal(20, Math.Max(right - left + 1, bottom - top + 1));
    }

    [Fact]
    public void A_blank_page_comes_back_unsure_with_no_ink()
    {
        var prediction = Recognizer.Predict(NonDigits.BlankPage(1), "blank.jpg");

        Assert.True(prediction.Unsure);
        Assert.Contains("no ink", prediction.UnsureReason);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("K")]
    [InlineData("W")]
    [InlineData("M")]
    [InlineData("X")]
    [InlineData("#")]
    public void A_letter_in_a_font_never_seen_in_training_comes_back_unsure(string letter)
    {
        var prediction = Recognizer.Predict(NonDigits.Letter(letter, "DejaVu Sans Mono"), letter);

        Assert.True(prediction.Unsure, $"'{letter}' read as {prediction.Label} at {prediction.Probability:P1}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_photo_of_a_scene_comes_back_unsure(int seed)
    {
        var prediction = Recognizer.Predict(NonDigits.Scene(seed), "scene.jpg");

        Assert.True(prediction.Unsure, $"scene {seed} read as {prediction.Label} at {prediction.Probability:P1}");
    }

    [Fact]
    public void A_single_straight_stroke_reads_as_a_confident_one()
    {
        // Drawn on the web page as one vertical line: it fills its own bounding box, unlike a blob.
        var pad = GrayImage.Blank(280, 280);
        pad.Fill(new PixelBox(130, 40, 20, 200), 1);

        var prediction = Recognizer.PredictImage(pad);

        Assert.Equal("1", prediction.Label);
        Assert.False(prediction.Unsure, prediction.UnsureReason);
    }

    [Fact]
    public void A_solid_blob_is_not_taken_for_a_digit()
    {
        // A filled disc in a photo (a coin, a stain), small against the picture as handwriting is.
        var photo = GrayImage.Blank(800, 800);
        for (var y = 0; y < 800; y++)
            for (var x = 0; x < 800; x++)
                photo[x, y] = (x - 400) * (x - 400) + (y - 400) * (y - 400) < 60 * 60 ? 1 : 0;

        var prediction = Recognizer.PredictImage(photo);

        Assert.True(prediction.Unsure);
        Assert.Contains("blob", prediction.UnsureReason);
    }

    [Fact]
    public void Probabilities_leave_only_the_chance_of_none_of_these_and_the_top3_is_ranked()
    {
        var prediction = Recognizer.PredictImage(mnist.Digits[5]);

        // The bundled models have a "none of these" output: the classes' probabilities sum to one minus its own.
        Assert.InRange(prediction.Probabilities.Sum(), 0.95, 1 + 1e-9);
        Assert.Equal(prediction.Label, prediction.Top3[0].Label);
        Assert.True(prediction.Top3[0].Probability >= prediction.Top3[1].Probability && prediction.Top3[1].Probability >= prediction.Top3[2].Probability);
    }

    [Fact]
    public void The_fast_runtime_answers_as_the_plain_one_does()
    {
        using var plain = Engines.Load(null, InferenceRuntime.Torch);
        var fields = mnist.Digits.Take(500).ToList();

        var fast = Recognizer.PredictFields(fields);
        var reference = plain.PredictFields(fields);

        Assert.Equal("fast", Recognizer.Engine);
        Assert.Equal("torch", plain.Engine);
        Assert.Equal(reference.Select(p => p.Label), fast.Select(p => p.Label));
        Assert.All(fast.Zip(reference), pair => Assert.Equal(pair.Second.Probability, pair.First.Probability, 4));
    }

    [Fact]
    public void Concurrent_callers_get_the_same_answers_as_one_caller()
    {
        var photos = Enumerable.Range(0, 48).Select(i => new PaperPhotos(i).Digit(mnist.Digits[i])).ToArray();
        var sequential = photos.Select(p => Recognizer.Predict(p)).Select(p => (p.Label, p.Probability)).ToArray();

        var concurrent = new (string, double)[photos.Length];
        Parallel.For(0, photos.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var p = Recognizer.Predict(photos[i]);
            concurrent[i] = (p.Label, p.Probability);
        });

        Assert.Equal(sequential, concurrent);
    }

    [Fact]
    public void Reading_a_line_returns_boxes_left_to_right()
    {
        var indices = new[] { 0, 1, 2, 3 };
        var photo = new PaperPhotos(5).Line([.. indices.Select(i => mnist.Digits[i])]);

        var reading = Recognizer.ReadLine(photo);

        Assert.Equal(string.Concat(indices.Select(i => mnist.Labels[i])), reading.Text);
        Assert.True(reading.Digits.Zip(reading.Digits.Skip(1)).All(pair => pair.First.Box.Left < pair.Second.Box.Left));
        Assert.All(reading.Digits, d => Assert.True(d.Box.Right <= reading.Width && d.Box.Bottom <= reading.Height));
    }

    [Fact]
    public void A_stroke_broken_into_six_dashes_by_a_skipping_pen_is_read_as_one_character()
    {
        // A solid 1 and a 1 written with a pen that skips: six dashes 7 px long, 3 px apart, one above the other.
        var image = GrayImage.Blank(240, 120, 1);
        image.Fill(new PixelBox(60, 30, 6, 60), 0);
        for (var dash = 0; dash < 6; dash++)
            image.Fill(new PixelBox(150, 30 + 10 * dash, 6, 7), 0);

        Assert.Equal("11", Recognizer.ReadLine(image).Text);
    }

    [Fact]
    public void A_blank_line_reads_as_nothing() => Assert.Empty(Recognizer.ReadLine(NonDigits.BlankPage(2)).Digits);
}
