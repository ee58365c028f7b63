using TorchSharp;
using static TorchSharp.torch;

namespace LeNet.Data;

/// <summary>
/// A labelled image set held in memory as two tensors: images as bytes <c>[N, 1, H, W]</c> (as on disk; normalised
/// only when a batch is used) and labels as int64 <c>[N]</c>. Batches are slices by index, never per-sample objects.
/// </summary>
public sealed class ImageDataset : IDisposable
{
    /// <summary>Wraps tensors the dataset now owns.</summary>
    public ImageDataset(Tensor images, Tensor labels, IReadOnlyList<string> classNames)
    {
        if (images.dtype != ScalarType.Byte || images.dim() != 4)
            throw new ArgumentException("images must be a uint8 tensor [N, 1, H, W]", nameof(images));
        if (labels.dtype != ScalarType.Int64 || labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException("labels must be an int64 tensor [N] matching the images", nameof(labels));
        Images = images.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
        ClassNames = classNames;
    }

    /// <summary>The images, uint8 <c>[N, 1, H, W]</c>.</summary>
    public Tensor Images { get; }

    /// <summary>The labels, int64 <c>[N]</c>.</summary>
    public Tensor Labels { get; }

    /// <summary>Label names in label order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of examples.</summary>
    public int Count => (int)Images.shape[0];

    /// <summary>Image height in pixels.</summary>
    public int Height => (int)Images.shape[2];

    /// <summary>Image width in pixels.</summary>
    public int Width => (int)Images.shape[3];

    /// <summary>Builds a dataset from an IDX image file and its IDX label file, checking that they agree.</summary>
    /// <exception cref="DataFileException">Counts differ or a label is outside the class range.</exception>
    public static ImageDataset FromIdx(IdxFile images, string imagesPath, IdxFile labels, string labelsPath, IReadOnlyList<string> classNames)
    {
        if (images.Count != labels.Count)
            throw new DataFileException(labelsPath, $"holds {labels.Count:N0} labels but {Path.GetFileName(imagesPath)} holds {images.Count:N0} images");
        var badIndex = Array.FindIndex(labels.Data, label => label >= classNames.Count);
        if (badIndex >= 0)
            throw new DataFileException(labelsPath, $"label {labels.Data[badIndex]} at index {badIndex:N0} is outside 0–{classNames.Count - 1}");
        var (rows, columns) = (images.Dimensions[1], images.Dimensions[2]);
        var imageTensor = tensor(images.Data, [images.Count, 1, rows, columns], ScalarType.Byte);
        using var labelBytes = tensor(labels.Data, [labels.Count], ScalarType.Byte);
        return new ImageDataset(imageTensor, labelBytes.to(ScalarType.Int64), classNames);
    }

    /// <summary>
    /// The same images and labels under a longer list of class names (MNIST's digits as the first classes of a
    /// digits-and-symbols set). The returned dataset takes over the tensors: dispose it, not this one.
    /// </summary>
    public ImageDataset WithClassNames(IReadOnlyList<string> classNames) => new(Images, Labels, classNames);

    /// <summary>A dataset of <c>[count × height × width]</c> bytes and their labels.</summary>
    public static ImageDataset FromBytes(byte[] pixels, int[] labels, int height, int width, IReadOnlyList<string> classNames)
    {
        using var scope = NewDisposeScope();
        var images = tensor(pixels, [labels.Length, 1, height, width], ScalarType.Byte);
        var labelTensor = tensor(labels.Select(l => (long)l).ToArray(), [labels.Length], ScalarType.Int64);
        return new ImageDataset(images.MoveToOuterDisposeScope(), labelTensor.MoveToOuterDisposeScope(), classNames);
    }

    /// <summary>This dataset's examples followed by <paramref name="other"/>'s, as a new dataset.</summary>
    public ImageDataset Concat(ImageDataset other)
    {
        using var scope = NewDisposeScope();
        return new ImageDataset(cat([Images, other.Images]).MoveToOuterDisposeScope(), cat([Labels, other.Labels]).MoveToOuterDisposeScope(), ClassNames);
    }

    /// <summary>The examples at <paramref name="indices"/>, as a new dataset.</summary>
    public ImageDataset Select(Tensor indices) =>
        new(Images.index_select(0, indices), Labels.index_select(0, indices), ClassNames);

    /// <summary>
    /// Splits off <paramref name="validationCount"/> examples chosen by a seeded permutation, so the same seed always
    /// gives the same split. Returns (training, validation).
    /// </summary>
    public (ImageDataset Training, ImageDataset Validation) Split(int validationCount, long seed)
    {
        if (validationCount < 0 || validationCount >= Count)
            throw new ArgumentOutOfRangeException(nameof(validationCount), $"must be in 0..{Count - 1}");
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var order = randperm(Count, generator: generator);
        var validation = order[..validationCount].sort().Values;
        var training = order[validationCount..].sort().Values;
        return (Select(training), Select(validation));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
