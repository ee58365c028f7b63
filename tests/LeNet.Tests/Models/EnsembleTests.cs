using LeNet.Inference;
using LeNet.Models;
using LeNet.Tests.Support;
using LeNet.Training;

namespace LeNet.Tests.Models;

/// <summary>Ensembles: members' calibrated probabilities averaged, saved and loaded as one model file.</summary>
public sealed class EnsembleTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static TrainedModel Member(long seed, double temperature)
    {
        TorchSharp.torch.random.manual_seed(seed);
        var network = Architecture.Default.Create(11);
        network.eval();
        var metadata = ModelFile.LoadBundled().Metadata with { MemberTemperatures = null, Temperature = temperature, RejectOutput = true };
        return new TrainedModel(network, metadata);
    }

    [Fact]
    public void An_ensemble_reads_the_average_of_its_members_calibrated_probabilities()
    {
        var (a, b) = (Member(1, 1.5), Member(2, 0.8));
        var field = GrayImage.Blank(28, 28);
        for (var y = 6; y < 22; y++)
            field[14, y] = 1;
        using var first = TorchEngine.Recognizer(new TrainedModel(a.Network, a.Metadata), path: ComputePath.Plain);
        using var second = TorchEngine.Recognizer(new TrainedModel(b.Network, b.Metadata), path: ComputePath.Plain);
        var expected = first.PredictFields([field])[0].Probabilities.Zip(second.PredictFields([field])[0].Probabilities, (x, y) => (x + y) / 2).ToList();

        using var ensemble = TorchEngine.Recognizer(Ensembles.Combine([("a", Member(1, 1.5)), ("b", Member(2, 0.8))]));
        var fast = ensemble.PredictFields([field])[0].Probabilities;

        Assert.All(expected.Zip(fast), pair => Assert.Equal(pair.First, pair.Second, 5));
    }

    [Fact]
    public void An_ensemble_file_loads_with_every_member_and_reads_as_before()
    {
        using var ensemble = Ensembles.Combine([("a", Member(3, 1.2)), ("b", Member(4, 0.9)), ("c", Member(5, 1.0))]);
        var path = _temp.File("ensemble.lenet");
        ModelFile.Save(path, ensemble.Network, ensemble.Metadata);

        using var loaded = ModelFile.Load(path);

        Assert.Equal(3, loaded.Metadata.Members);
        Assert.Equal([1.2, 0.9, 1.0], loaded.Metadata.MemberTemperatures);
        using var input = TorchSharp.torch.rand(4, 1, 28, 28);
        using var before = ensemble.Network.call(input);
        using var after = loaded.Network.call(input);
        Assert.True(before.allclose(after, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Models_that_read_differently_cannot_be_combined()
    {
        var digits = Member(6, 1);
        var other = new TrainedModel(Architecture.Default.Create(11), digits.Metadata with { ClassNames = [.. digits.Metadata.ClassNames.Reverse()] });

        var error = Assert.Throws<LeNetException>(() => Ensembles.Combine([("a.lenet", digits), ("b.lenet", other)]));

        Assert.Contains("b.lenet: differs from a.lenet", error.Message);
    }
}
