using LeNet.Training;

namespace LeNet.Tests.Training;

public sealed class ResumeRuleTests
{
    private static readonly TrainingOptions Checkpoint = new() { Epochs = 3, LearningRate = 0.005, Seed = 7, Threads = 0 };

    [Fact]
    public void Typed_options_that_may_change_are_taken_and_reported_changed()
    {
        var requested = new TrainingOptions { Epochs = 10, Threads = 1 };

        var resumption = ResumeRule.Apply(Checkpoint, requested, [nameof(TrainingOptions.Epochs), nameof(TrainingOptions.Threads)]);

        Assert.Equal(10, resumption.Options.Epochs);
        Assert.Equal(1, resumption.Options.Threads);
        Assert.Equal([new OptionChange("Epochs", 3, 10), new OptionChange("Threads", 0, 1)], resumption.Changed);
        Assert.Empty(resumption.Ignored);
    }

    [Fact]
    public void Typed_options_that_made_the_weights_keep_the_checkpoints_value_and_are_reported_ignored()
    {
        var requested = new TrainingOptions { LearningRate = 0.1, Seed = 9, Architecture = "tutorial" };

        var resumption = ResumeRule.Apply(Checkpoint, requested,
            [nameof(TrainingOptions.LearningRate), nameof(TrainingOptions.Seed), nameof(TrainingOptions.Architecture)]);

        Assert.Equal(Checkpoint, resumption.Options);
        Assert.Equal(["Architecture", "LearningRate", "Seed"], resumption.Ignored.Select(c => c.Option).Order(StringComparer.Ordinal));
        Assert.Equal(0.005, resumption.Ignored.Single(c => c.Option == "LearningRate").Checkpoint);
        Assert.Empty(resumption.Changed);
    }

    [Fact]
    public void Options_not_typed_come_from_the_checkpoint_even_when_the_defaults_differ()
    {
        var resumption = ResumeRule.Apply(Checkpoint, new TrainingOptions(), typed: []);

        Assert.Equal(Checkpoint, resumption.Options);
        Assert.Empty(resumption.Changed);
        Assert.Empty(resumption.Ignored);
    }

    [Fact]
    public void A_typed_option_equal_to_the_checkpoints_is_neither_changed_nor_ignored()
    {
        var resumption = ResumeRule.Apply(Checkpoint, Checkpoint with { Threads = 2 }, [nameof(TrainingOptions.Seed), nameof(TrainingOptions.Epochs)]);

        Assert.Empty(resumption.Changed);
        Assert.Empty(resumption.Ignored);
        Assert.Equal(0, resumption.Options.Threads);
    }
}
