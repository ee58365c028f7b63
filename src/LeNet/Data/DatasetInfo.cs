namespace LeNet.Data;

/// <summary>One IDX file of a dataset: its canonical name and the SHA-256 of its decompressed content.</summary>
public sealed record DatasetFile(string Name, string Sha256);

/// <summary>Everything known about a standard dataset: files, checksums, mirrors, classes and pixel statistics.</summary>
/// <param name="Name">The name used on the command line and as the cache folder.</param>
/// <param name="ClassNames">Label names in label order.</param>
/// <param name="Mean">Mean pixel value of the training images, scaled to [0, 1].</param>
/// <param name="StandardDeviation">Standard deviation of the training pixels, scaled to [0, 1].</param>
/// <param name="ImagesFrom">
/// The dataset whose files hold this one's images, when they are another's: the digits of <see cref="Math"/> are
/// MNIST's, and its other classes are generated (<c>--generated</c>).
/// </param>
public sealed record DatasetInfo(
    string Name,
    string DisplayName,
    IReadOnlyList<string> ClassNames,
    double Mean,
    double StandardDeviation,
    DatasetFile TrainImages,
    DatasetFile TrainLabels,
    DatasetFile TestImages,
    DatasetFile TestLabels,
    IReadOnlyList<string> Mirrors,
    DatasetInfo? ImagesFrom = null)
{
    /// <summary>The dataset whose IDX files are read: <see cref="ImagesFrom"/>, else this one.</summary>
    public DatasetInfo Source => ImagesFrom ?? this;

    /// <summary>The four files, train first.</summary>
    public IEnumerable<DatasetFile> Files => [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>MNIST (LeCun, Cortes, Burges): 60,000 training and 10,000 test digits, 28×28 grey.</summary>
    public static DatasetInfo Mnist { get; } = new(
        "mnist", "MNIST",
        ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
        Mean: 0.1307, StandardDeviation: 0.3081, // the statistics every PyTorch MNIST example normalises with
        new("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        new("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        new("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        new("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
        [
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "https://storage.googleapis.com/cvdf-datasets/mnist/",
            "https://yann.lecun.com/exdb/mnist/",
        ]);

    /// <summary>Fashion-MNIST (Zalando Research, MIT licence): a drop-in MNIST replacement of clothing images.</summary>
    public static DatasetInfo FashionMnist { get; } = new(
        "fashion-mnist", "Fashion-MNIST",
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
        Mean: 0.2860, StandardDeviation: 0.3530, // measured over the 60,000 training images
        new("train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
        new("train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
        new("t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
        new("t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
        [
            "https://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
        ]);

    /// <summary>
    /// Handwritten arithmetic: MNIST's digits (labels 0–9) plus the operators and brackets of
    /// <see cref="Inference.Symbols.Math"/>, which only the handwriting generator provides.
    /// </summary>
    public static DatasetInfo Math { get; } = Mnist with
    {
        Name = "math",
        DisplayName = "MNIST digits + generated symbols",
        ClassNames = Inference.Symbols.Math,
        ImagesFrom = Mnist,
    };

    /// <summary>The datasets this system knows, by name.</summary>
    public static IReadOnlyList<DatasetInfo> All { get; } = [Mnist, FashionMnist, Math];

    /// <summary>Whether the classes beyond the IDX files' must be generated (see <see cref="ImagesFrom"/>).</summary>
    public bool NeedsGenerated => ImagesFrom is not null && ClassNames.Count > ImagesFrom.ClassNames.Count;

    /// <summary>Whether the dataset's classes are handwriting, which the generator can write.</summary>
    public bool IsHandwriting => (ImagesFrom ?? this) == Mnist;

    /// <summary>Finds a dataset by its command-line name.</summary>
    /// <exception cref="LeNetException">No dataset has that name.</exception>
    public static DatasetInfo FromName(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new LeNetException($"dataset: unknown dataset '{name}'; choose one of {string.Join(", ", All.Select(d => d.Name))}");
}
