using LeNet.Inference;
using LeNet.Models;
using LeNet.Models.Fast;
using static TorchSharp.torch;

namespace LeNet.Tests.Models;

/// <summary>
/// The C# inference passes — vectorised where the CPU has 256-bit vectors, portable scalar code elsewhere — score as
/// TorchSharp's layers do, on any number of images and threads.
/// </summary>
public sealed class LeNet5InferenceTests
{
    private static IReadOnlyDictionary<string, float[]> Weights(LeNet5 network)
    {
        using var noGrad = no_grad();
        return network.named_parameters().ToDictionary(p => p.name, p => p.parameter.data<float>().ToArray());
    }

    private static LeNet5Inference Snapshot(LeNet5 network) => new(Weights(network));

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

        var scores = Snapshot(network).Scores(images.data<float>().ToArray(), count, threads);

        Assert.True(tensor(scores, [count, 10]).allclose(expected, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Inputs_of_the_wrong_size_are_refused()
    {
        using var network = new LeNet5();

        Assert.Throws<ArgumentException>(() => Snapshot(network).Scores(new float[700], 1, 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(19)]
    public void The_portable_path_scores_as_the_plain_network_does(int count)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(count + 100);
        using var network = new LeNet5 { Path = ComputePath.Plain };
        var images = randn(count, 1, 28, 28);
        using var noGrad = no_grad();
        var expected = network.call(images);

        var portable = new LeNet5Portable(Weights(network)).Scores(images.data<float>().ToArray(), count);

        Assert.True(tensor(portable, [count, 10]).allclose(expected, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void A_reader_on_the_portable_path_reads_the_bundled_model_as_the_vectorised_one_does()
    {
        var content = ModelFileContent.Bundled(BundledModel.Digits);
        using var portable = CSharpNetwork.Create(content, "bundled", threads: 1, vectorised: false);
        using var vectorised = CSharpNetwork.Create(content, "bundled", threads: 1, vectorised: ConvolutionStackKernels.IsSupported);
        random.manual_seed(5);
        using var images = randn(8, 1, 28, 28);
        var inputs = images.data<float>().ToArray();

        Assert.All(vectorised.Scores(inputs, 8).Zip(portable.Scores(inputs, 8)), pair => Assert.Equal(pair.First, pair.Second, 1e-4));
    }
}
