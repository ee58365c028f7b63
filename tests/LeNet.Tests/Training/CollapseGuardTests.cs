using LeNet.Training;

namespace LeNet.Tests.Training;

public sealed class CollapseGuardTests
{
    private static EpochMetrics Epoch(int epoch, double validation, double test = 0.5) =>
        new(epoch, 0.1, validation, 0.1, validation, 0.1, test, 0.001, 1, 1000);

    [Fact]
    public void Accuracy_back_at_chance_after_a_learned_epoch_stops_the_run_naming_both_epochs()
    {
        var error = Assert.Throws<LeNetException>(() => CollapseGuard.Check([Epoch(1, 0.97), Epoch(2, 0.98)], Epoch(3, 0.098), classes: 10));

        Assert.StartsWith("training collapsed in epoch 3: held-out accuracy fell to 9.80 %", error.Message);
        Assert.Contains("after 98.00 % in epoch 2", error.Message);
        Assert.Contains("checkpoint keeps epoch 2", error.Message);
    }

    [Fact]
    public void A_run_that_never_learned_or_only_dipped_is_not_called_collapsed()
    {
        CollapseGuard.Check([], Epoch(1, 0.1), classes: 10);                   // the first epoch: nothing to fall from
        CollapseGuard.Check([Epoch(1, 0.25)], Epoch(2, 0.1), classes: 10);     // never clearly above chance
        CollapseGuard.Check([Epoch(1, 0.98)], Epoch(2, 0.90), classes: 10);    // worse, but far from chance
    }

    [Fact]
    public void Without_a_validation_split_the_test_accuracy_is_watched()
    {
        var noValidation = Epoch(1, double.NaN, test: 0.99);

        Assert.Throws<LeNetException>(() => CollapseGuard.Check([noValidation], Epoch(2, double.NaN, test: 0.1), classes: 10));
    }
}
