using LeNet.Inference;
using LeNet.Models;
using LeNet.Tests.Support;
using LeNet.Training;
using static TorchSharp.torch;

namespace LeNet.Tests.Models;

public sealed class ModelFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static ModelMetadata Metadata(string architecture = "lenet5") => new(architecture, "mnist",
        ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], [1, 28, 28], new Normalization(0.1307, 0.3081),
        0.99, 0.03, 0.99, 1, DateTimeOffset.UnixEpoch, "test", "test", new TrainingOptions().ToRecord());

    private string SavedModel(string architecture = "lenet5")
    {
        var path = _temp.File($"{architecture}.lenet");
        using var network = Architecture.FromName(architecture).Create();
        ModelFile.Save(path, network, Metadata(architecture));
        return path;
    }

    [Fact]
    public void A_saved_model_loads_with_identical_outputs_and_metadata()
    {
        var path = _temp.File("model.lenet");
        using var network = new LeNet5();
        using var input = randn(4, 1, 28, 28);
        network.eval();
        using var expected = network.call(input);
        ModelFile.Save(path, network, Metadata());

        using var loaded = ModelFile.Load(path);
        using var actual = loaded.Network.call(input);

        Assert.Equal(expected.data<float>().ToArray(), actual.data<float>().ToArray());
        Assert.Equal(Metadata() with { ClassNames = loaded.Metadata.ClassNames, InputShape = loaded.Metadata.InputShape, Training = loaded.Metadata.Training }, loaded.Metadata);
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Every_architecture_saves_and_loads_with_identical_outputs(string architecture)
    {
        var path = _temp.File($"{architecture}.lenet");
        using var network = Architecture.FromName(architecture).Create();
        using var input = randn(2, 1, 28, 28);
        network.eval();
        using var expected = network.call(input);
        ModelFile.Save(path, network, Metadata(architecture));

        using var loaded = ModelFile.Load(path);
        loaded.Network.eval();
        using var actual = loaded.Network.call(input);

        // The paper network keeps C3's connection table as an integer buffer beside its float weights.
        Assert.Equal(expected.data<float>().ToArray(), actual.data<float>().ToArray());
    }

    public static TheoryData<string> Architectures() => [.. Architecture.All.Select(a => a.Name)];

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void A_model_whose_weights_are_not_finite_is_refused_naming_the_tensor(float value)
    {
        var path = _temp.File("broken.lenet");
        using (var network = new LeNet5())
        {
            using (no_grad())
                network.parameters().First().view(-1)[0] = value;
            ModelFile.Save(path, network, Metadata());
        }

        var torchError = Assert.Throws<LeNetException>(() => ModelFile.Load(path));
        var readerError = Assert.Throws<LeNetException>(() => DigitRecognizer.Load(path));

        foreach (var error in new[] { torchError, readerError })
        {
            Assert.StartsWith(path, error.Message);
            Assert.Contains("not finite", error.Message);
            Assert.Contains("weight '", error.Message);
        }
    }

    [Fact]
    public void A_flipped_bit_in_the_weights_fails_the_checksum()
    {
        var path = SavedModel();
        var bytes = File.ReadAllBytes(path);
        bytes[^100] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<LeNetException>(() => ModelFile.Load(path));

        Assert.Contains("'weights' section fails its SHA-256 check", error.Message);
    }

    [Fact]
    public void A_truncated_file_is_reported_as_truncated()
    {
        var path = SavedModel();
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..5000]);

        var error = Assert.Throws<LeNetException>(() => ModelFile.Load(path));

        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_PyTorch_zip_checkpoint_is_refused_and_never_unpickled()
    {
        var path = _temp.File("model.pt");
        File.WriteAllBytes(path, [(byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, .. new byte[100]]);

        var error = Assert.Throws<LeNetException>(() => ModelFile.Load(path));

        Assert.Contains("PyTorch", error.Message);
        Assert.Contains("never loaded", error.Message);
    }

    [Fact]
    public void A_legacy_pickle_is_refused_and_never_unpickled()
    {
        var path = _temp.File("model.pth");
        File.WriteAllBytes(path, [0x80, 0x02, (byte)'c', (byte)'o', (byte)'s', (byte)'\n', (byte)'s', (byte)'y', (byte)'s', (byte)'t', (byte)'e', (byte)'m']);

        var error = Assert.Throws<LeNetException>(() => ModelFile.Load(path));

        Assert.Contains("pickle", error.Message);
    }

    [Fact]
    public void A_declared_section_longer_than_the_file_is_refused()
    {
        var path = SavedModel();
        var bytes = File.ReadAllBytes(path);
        // The first section's length field sits after magic (8), version (4), count (4), name length (2) and name.
        var lengthOffset = 8 + 4 + 4 + 2 + "metadata".Length;
        BitConverter.GetBytes(long.MaxValue / 2).CopyTo(bytes, lengthOffset);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<LeNetException>(() => ModelFile.Load(path));

        Assert.Contains("truncated or damaged", error.Message);
    }

    [Fact]
    public void Random_bytes_are_not_a_model()
    {
        var path = _temp.File("random.lenet");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 % 251))]);

        var error = Assert.Throws<LeNetException>(() => ModelFile.Load(path));

        Assert.Contains("not a LeNet.NET model file", error.Message);
    }

    [Fact]
    public void Weights_of_another_architecture_are_refused()
    {
        var path = SavedModel("tutorial");
        var sections = LeNet.IO.SectionFile.Read(path, "model file").ToDictionary();
        sections["metadata"] = LeNet.IO.Json.ToBytes(Metadata("lenet5"));
        LeNet.IO.SectionFile.Write(path, [.. sections.Select(s => (s.Key, s.Value))]);

        var error = Assert.Throws<LeNetException>(() => ModelFile.Load(path));

        Assert.Contains("do not fit the 'lenet5' architecture", error.Message);
    }

    [Fact]
    public void An_architecture_name_is_matched_on_load_as_on_the_command_line_whatever_its_case()
    {
        var path = _temp.File("upper.lenet");
        using (var network = new LeNet5())
            ModelFile.Save(path, network, Metadata("LeNet5"));

        using var loaded = ModelFile.Load(path);

        Assert.IsType<LeNet5>(loaded.Network);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.ThrowsAny<LeNetException>(() => ModelFile.Load(_temp.File("absent.lenet")));

        Assert.Equal($"{_temp.File("absent.lenet")}: file not found", error.Message);
    }
}
