using LeNet.Models;
using LeNet.Models.Fast;
using static TorchSharp.torch;

namespace LeNet.Tests.Models;

/// <summary>The C# inference pass scores as TorchSharp's layers do, on any number of images and threads.</summary>
public sealed class LeNet5InferenceTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(37, 2)]
    [InlineData(256, 2)]
    public void Scores_equal_the_plain_networks(int count, int threads)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(count);
        using var network = new LeNet5 { Path = ComputePath.Plain };
        var images = randn(count, 1, 28, 28);
        using var noGrad = no_grad();
        var expected = network.call(images);

        var scores = LeNet5Inference.From(network).Scores(images.data<float>().ToArray(), count, threads);

        Assert.True(tensor(scores, [count, 10]).allclose(expected, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Inputs_of_the_wrong_size_are_refused()
    {
        using var network = new LeNet5();

        Assert.Throws<ArgumentException>(() => LeNet5Inference.From(network).Scores(new float[700], 1, 1));
    }
}
