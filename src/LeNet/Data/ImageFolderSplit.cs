using LeNet.Models;

namespace LeNet.Data;

/// <summary>
/// A training run's data from image folders (<c>lenet train --images DIR</c>): <c>DIR/train</c> and <c>DIR/test</c>
/// when both exist, else one folder split per class — a tenth for the test set, a tenth for validation (seeded, so a
/// seed always gives the same split; a class of three or more images gives at least one to each).
/// </summary>
public static class ImageFolderSplit
{
    /// <summary>The dataset's name in model files and reports.</summary>
    public const string DatasetName = "images";

    /// <summary>Reads <paramref name="root"/> and splits it; the validation set comes apart, already split per class.</summary>
    /// <exception cref="LeNetException">A folder cannot make a dataset (see <see cref="ImageFolder.Read"/>), or train and test name different classes.</exception>
    public static (DatasetSplit Split, ImageDataset Validation, IReadOnlyList<SkippedImage> Skipped) Load(string root, long seed, int threads = 0)
    {
        var (trainPath, testPath) = (Path.Combine(root, "train"), Path.Combine(root, "test"));
        if (Directory.Exists(trainPath) && Directory.Exists(testPath))
        {
            var train = ImageFolder.Read(trainPath, threads: threads);
            var test = ImageFolder.Read(testPath, threads: threads);
            if (!train.ClassNames.SequenceEqual(test.ClassNames))
                throw new LeNetException($"{root}: train/ has classes {string.Join(" ", train.ClassNames)} but test/ has {string.Join(" ", test.ClassNames)}; they must match");
            var (kept, validation) = PerClass(train, seed, 10, 0);
            return (Dataset(root, train, kept.Train, Indices(test), test), Set(train, validation), [.. train.Skipped, .. test.Skipped]);
        }
        var folder = ImageFolder.Read(root, threads: threads);
        var (split, heldOut) = PerClass(folder, seed, 10, 10);
        return (Dataset(root, folder, split.Train, split.Test, folder), Set(folder, heldOut), folder.Skipped);
    }

    /// <summary>Indices of each class, shuffled: one in <paramref name="validationOneIn"/> to validation, one in <paramref name="testOneIn"/> to test (0: none).</summary>
    private static ((List<int> Train, List<int> Test), List<int> Validation) PerClass(ImageFolder folder, long seed, int validationOneIn, int testOneIn)
    {
        var random = new Random((int)seed);
        var (train, test, validation) = (new List<int>(), new List<int>(), new List<int>());
        for (var c = 0; c < folder.ClassNames.Count; c++)
        {
            var members = Enumerable.Range(0, folder.Count).Where(i => folder.Labels[i] == c).OrderBy(_ => random.Next()).ToList();
            var testCount = testOneIn == 0 ? 0 : Share(members.Count, testOneIn);
            var validationCount = Share(members.Count, validationOneIn);
            test.AddRange(members.Take(testCount));
            validation.AddRange(members.Skip(testCount).Take(validationCount));
            train.AddRange(members.Skip(testCount + validationCount));
        }
        return ((train, test), validation);
    }

    private static int Share(int count, int oneIn) => count < 3 ? 0 : Math.Max(1, (int)Math.Round(count / (double)oneIn));

    private static List<int> Indices(ImageFolder folder) => [.. Enumerable.Range(0, folder.Count)];

    private static ImageDataset Set(ImageFolder folder, List<int> chosen)
    {
        chosen.Sort();
        const int Size = 28 * 28;
        var pixels = new byte[chosen.Count * Size];
        for (var i = 0; i < chosen.Count; i++)
            folder.Pixels.AsSpan(chosen[i] * Size, Size).CopyTo(pixels.AsSpan(i * Size));
        return ImageDataset.FromBytes(pixels, [.. chosen.Select(i => folder.Labels[i])], 28, 28, folder.ClassNames);
    }

    private static DatasetSplit Dataset(string root, ImageFolder trainFolder, List<int> train, List<int> test, ImageFolder testFolder)
    {
        var trainSet = Set(trainFolder, train);
        var (mean, deviation) = Statistics(trainSet);
        var info = DatasetInfo.Mnist with { Name = DatasetName, DisplayName = $"images in {root}", ClassNames = trainFolder.ClassNames, Mean = mean, StandardDeviation = deviation };
        return new DatasetSplit(info, trainSet, Set(testFolder, test), Path.GetFullPath(root));
    }

    /// <summary>Mean and standard deviation of the training pixels, scaled to [0, 1], as the standard datasets state theirs.</summary>
    private static (double Mean, double Deviation) Statistics(ImageDataset set)
    {
        using var pixels = set.Images.to(TorchSharp.torch.ScalarType.Float64);
        var mean = pixels.mean().item<double>() / 255;
        var deviation = pixels.std().item<double>() / 255;
        return (mean, deviation > 1e-6 ? deviation : 1);
    }
}
