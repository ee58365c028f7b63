using LeNet.Data;
using LeNet.Tests.Support;

namespace LeNet.Tests.Data;

public sealed class ImageDatasetTests
{
    private static readonly string[] Digits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    private static IdxFile Images(int count) => new([count, 2, 2], new byte[count * 4]);

    [Fact]
    public void Image_and_label_counts_must_agree()
    {
        var error = Assert.Throws<DataFileException>(() =>
            ImageDataset.FromIdx(Images(3), "images", new IdxFile([2], [1, 2]), "labels", Digits));

        Assert.Equal("labels", error.FilePath);
        Assert.Contains("2 labels but images holds 3 images", error.Message);
    }

    [Fact]
    public void Labels_outside_the_classes_are_refused_with_their_index()
    {
        var error = Assert.Throws<DataFileException>(() =>
            ImageDataset.FromIdx(Images(3), "images", new IdxFile([3], [1, 12, 2]), "labels", Digits));

        Assert.Contains("label 12 at index 1", error.Message);
    }

    [Fact]
    public void The_validation_split_depends_only_on_the_seed()
    {
        using var set = ImageDataset.FromIdx(new IdxFile([100, 1, 1], [.. Enumerable.Range(0, 100).Select(i => (byte)i)]), "i",
            new IdxFile([100], [.. Enumerable.Range(0, 100).Select(i => (byte)(i % 10))]), "l", Digits);

        var (trainA, validationA) = set.Split(10, seed: 7);
        var (trainB, validationB) = set.Split(10, seed: 7);
        var (_, validationC) = set.Split(10, seed: 8);

        Assert.Equal(90, trainA.Count);
        Assert.Equal(validationA.Images.data<byte>().ToArray(), validationB.Images.data<byte>().ToArray());
        Assert.NotEqual(validationA.Images.data<byte>().ToArray(), validationC.Images.data<byte>().ToArray());
        var all = trainA.Images.data<byte>().ToArray().Concat(validationA.Images.data<byte>().ToArray()).Order();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (byte)i), all);
        foreach (var d in new[] { trainA, validationA, trainB, validationB, validationC })
            d.Dispose();
    }
}
