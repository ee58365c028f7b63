using LeNet.Data;
using LeNet.Tests.Support;

namespace LeNet.Tests.Data;

public sealed class DatasetLoaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string MnistFile(string name) => Path.Combine(TestData.Datasets, "mnist", name + ".gz");

    private DataOptions CacheOnly(string? debianFolder = null, IReadOnlyList<string>? mirrors = null) =>
        new(null, _temp.File("cache"), AllowDownload: mirrors is not null, Mirrors: mirrors, NpmExecutable: null,
            DebianFashionMnistDirectory: debianFolder ?? _temp.File("no-debian-package"), DownloadTimeout: TimeSpan.FromSeconds(20));

    [Fact]
    public void Loads_the_real_MNIST_with_its_known_sizes_and_first_labels()
    {
        using var mnist = new DatasetLoader(TestData.Options).Load(DatasetInfo.Mnist);

        Assert.Equal(60_000, mnist.Train.Count);
        Assert.Equal(10_000, mnist.Test.Count);
        Assert.Equal((28, 28), (mnist.Train.Height, mnist.Train.Width));
        Assert.Equal(5, mnist.Train.Labels[0].item<long>()); // the famous first training digit is a 5
        Assert.Equal(7, mnist.Test.Labels[0].item<long>());  // and the first test digit a 7
    }

    [Fact]
    public void A_chosen_folder_without_the_files_names_what_is_missing()
    {
        Directory.CreateDirectory(_temp.File("data"));
        File.Copy(MnistFile("train-images-idx3-ubyte"), _temp.File("data/train-images-idx3-ubyte.gz"));

        var error = Assert.Throws<LeNetException>(() =>
            new DatasetLoader(new DataOptions(_temp.File("data"), _temp.File("cache"))).Load(DatasetInfo.Mnist));

        Assert.Contains("train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte", error.Message);
        Assert.DoesNotContain("train-images-idx3-ubyte,", error.Message);
    }

    [Fact]
    public void A_file_whose_content_differs_from_the_standard_fails_its_checksum_naming_the_file()
    {
        var data = Directory.CreateDirectory(_temp.File("data")).FullName;
        foreach (var file in DatasetInfo.Mnist.Files)
            File.Copy(MnistFile(file.Name), Path.Combine(data, file.Name + ".gz"));
        var labels = Path.Combine(data, "t10k-labels-idx1-ubyte.gz");
        var idx = IdxFile.Read(labels, 1);
        idx.Data[0] = (byte)((idx.Data[0] + 1) % 10); // still a valid digit, but not the standard file
        File.WriteAllBytes(labels, IdxWriter.Gzip([.. IdxWriter.Header(0x0801, idx.Count), .. idx.Data]));

        var error = Assert.Throws<DataFileException>(() =>
            new DatasetLoader(new DataOptions(data, _temp.File("cache"))).Load(DatasetInfo.Mnist));

        Assert.Equal(labels, error.FilePath);
        Assert.Contains("checksum mismatch", error.Message);
    }

    [Fact]
    public void Fills_the_cache_from_the_Debian_package_folder_then_reads_the_cache_alone()
    {
        var loader = new DatasetLoader(CacheOnly(debianFolder: Path.Combine(TestData.Datasets, "fashion-mnist")));
        using (var first = loader.Load(DatasetInfo.FashionMnist))
            Assert.Equal(60_000, first.Train.Count);

        using var second = new DatasetLoader(CacheOnly()).Load(DatasetInfo.FashionMnist);

        Assert.Equal(Path.Combine(_temp.File("cache"), "fashion-mnist"), second.Origin);
        Assert.Equal("Ankle boot", second.Info.ClassNames[9]);
    }

    [Fact]
    public void A_damaged_cached_file_is_removed_and_refetched_without_manual_cleanup()
    {
        var debian = Path.Combine(TestData.Datasets, "fashion-mnist");
        new DatasetLoader(CacheOnly(debian)).Load(DatasetInfo.FashionMnist).Dispose();
        var cached = Path.Combine(_temp.File("cache"), "fashion-mnist", "t10k-labels-idx1-ubyte.gz");
        File.WriteAllBytes(cached, File.ReadAllBytes(cached)[..20]); // as if a run was killed mid-write by another tool

        using var reloaded = new DatasetLoader(CacheOnly(debian)).Load(DatasetInfo.FashionMnist);

        Assert.Equal(10_000, reloaded.Test.Count);
        Assert.Equal(File.ReadAllBytes(Path.Combine(debian, "t10k-labels-idx1-ubyte.gz")), File.ReadAllBytes(cached));
    }

    [Fact]
    public void Downloads_from_a_mirror_verify_and_place_the_files_atomically()
    {
        using var server = new LoopbackFileServer(Path.Combine(TestData.Datasets, "mnist"));

        using var mnist = new DatasetLoader(CacheOnly(mirrors: [server.BaseUrl])).Load(DatasetInfo.Mnist);

        Assert.Equal(10_000, mnist.Test.Count);
        Assert.Equal(4, server.Requests);
        Assert.Empty(Directory.GetFiles(_temp.File("cache/mnist"), "*.part"));
    }

    [Fact]
    public void A_download_cut_off_halfway_never_enters_the_cache_and_the_error_lists_what_was_tried()
    {
        using var server = new LoopbackFileServer(Path.Combine(TestData.Datasets, "mnist"), cutOffHalfway: true);

        var error = Assert.Throws<LeNetException>(() => new DatasetLoader(CacheOnly(mirrors: [server.BaseUrl])).Load(DatasetInfo.Mnist));

        Assert.Contains(server.BaseUrl, error.Message);
        Assert.Contains("--data", error.Message);
        var cache = _temp.File("cache/mnist");
        Assert.True(!Directory.Exists(cache) || Directory.GetFiles(cache).Length == 0, "nothing may be left in the cache");
    }
}
