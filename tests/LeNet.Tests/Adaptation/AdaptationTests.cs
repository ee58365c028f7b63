using LeNet.Adaptation;
using LeNet.Inference;
using LeNet.Models;
using LeNet.Tests.Support;

namespace LeNet.Tests.Adaptation;

/// <summary>
/// Teaching a trained model a writer's habit from a few examples: in the library (<c>recognizer.Adapt</c>), with
/// <c>lenet finetune</c>, and training from scratch on an image folder with <c>lenet train --images</c>.
/// </summary>
public sealed class AdaptationTests
{
    /// <summary>The habit taught: an 'L' written for every 4.</summary>
    private const char Habit = 'L';

    [Fact]
    public void Adapt_teaches_a_writers_habit_from_ten_examples_and_leaves_the_original_recognizer_unchanged()
    {
        using var original = DigitRecognizer.LoadBundled();
        var examples = LetterWriter.Write(Habit, 10, seed: 1).Select(image => (image, "4")).ToList();
        var unseen = LetterWriter.Write(Habit, 20, seed: 2);
        var before = unseen.Count(image => original.PredictImage(image).Label == "4");
        var probabilitiesBefore = original.PredictImage(unseen[0]).Probabilities;

        using var adapted = original.Adapt(examples, new AdaptOptions { Threads = 1 });

        var after = unseen.Count(image => adapted.PredictImage(image).Label == "4");
        Assert.True(before <= 4, $"the bundled model already reads {before} of 20 as 4");
        Assert.True(after >= 18, $"after adapting, {after} of 20 read as 4 (before: {before})");
        Assert.Equal(probabilitiesBefore, original.PredictImage(unseen[0]).Probabilities);
        var record = adapted.Content!.Metadata.Adapted!;
        Assert.Equal("examples", record.On);
        Assert.Equal(10, record.Examples[4]);
        Assert.Equal("generated", record.Rehearsal);
        Assert.Equal("4", adapted.PredictImage(FontDigits.Render('4', "DejaVu Sans", new Random(3))).Label); // a real 4 still reads as 4
    }

    [Fact]
    public void Adapt_refuses_a_class_the_model_does_not_read_and_a_blank_example_naming_them()
    {
        using var recognizer = DigitRecognizer.LoadBundled();
        var letter = LetterWriter.Write(Habit, 1, seed: 1)[0];

        Assert.Contains("'A'", Assert.Throws<LeNetException>(() => recognizer.Adapt([(letter, "A")])).Message);
        Assert.Contains("example 2 ('3')", Assert.Throws<LeNetException>(() => recognizer.Adapt([(letter, "4"), (GrayImage.Blank(50, 50), "3")])).Message);
    }

    [Fact]
    public async Task Finetune_adapts_the_bundled_model_to_a_folder_reports_before_and_after_and_writes_a_model_predict_reads()
    {
        using var temp = new TempFolder();
        var examples = temp.File("mine");
        LetterWriter.Save(examples, "4", LetterWriter.Write(Habit, 10, seed: 1));
        var probe = temp.File("probe.png");
        File.WriteAllBytes(probe, LeNet.Reporting.Png.Encode(LetterWriter.Write(Habit, 1, seed: 7)[0]));
        var model = temp.File("mine.lenet");

        var (exit, output) = await CliRun.Invoke("finetune", "--images", examples, "--out", model, "--threads", "1");

        Assert.True(exit == 0, output);
        Assert.Contains("MNIST test (10,000)", output);
        Assert.Contains("your held-out examples (2)", output);
        Assert.Contains("rehearsing MNIST", output);
        var metadata = ModelFileContent.Read(model).Metadata;
        Assert.Equal("bundled digits model", metadata.Adapted!.From);
        Assert.True(metadata.TestAccuracy > 0.99, $"MNIST test accuracy after adapting: {metadata.TestAccuracy}");
        var (predictExit, prediction) = await CliRun.Invoke("predict", "--model", model, probe);
        Assert.True(predictExit == 0, prediction);
        Assert.Matches(@"probe\.png\s+│\s+4", prediction);
    }

    [Theory]
    [InlineData(5, 5, "1 of each class held out to choose the step")]
    [InlineData(5, 12, "2 of each class held out to choose the step")]
    [InlineData(5, 2, "none held out (a class needs 5 or more): the last step is kept")]
    [InlineData(3, 3, "1 of each class held out to choose the step")]
    [InlineData(0, 5, "none held out (--hold-out 0): the last step is kept")]
    public void Reports_say_what_was_held_out_as_the_options_and_the_example_count_make_it(int holdOutOneIn, int examplesPerClass, string expected)
    {
        // The benchmark's summary used to say "one in five held out" whatever --hold-out and --examples were.
        var options = new AdaptOptions { HoldOutOneIn = holdOutOneIn };

        Assert.Equal(expected, options.DescribeHoldOut(examplesPerClass));
    }

    [Fact]
    public async Task Train_with_images_learns_classes_named_by_folders_and_the_model_file_keeps_their_names()
    {
        using var temp = new TempFolder();
        var data = temp.File("letters");
        foreach (var (letter, seed) in new[] { ('L', 1), ('T', 2), ('X', 3) })
            LetterWriter.Save(data, letter.ToString(), LetterWriter.Write(letter, 40, seed));
        var run = temp.File("run");

        var (exit, output) = await CliRun.Invoke("train", "--images", data, "--epochs", "10", "--batch-size", "16", "--out", run, "--no-report");

        Assert.True(exit == 0, output);
        var metadata = ModelFileContent.Read(Path.Combine(run, "model.lenet")).Metadata;
        Assert.Equal(["L", "T", "X"], metadata.ClassNames);
        Assert.Equal("images", metadata.Dataset);
        Assert.True(metadata.TestAccuracy >= 0.9, $"test accuracy on the held-out tenth: {metadata.TestAccuracy}");
    }
}
