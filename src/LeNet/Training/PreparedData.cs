using LeNet.Data;
using LeNet.Models;
using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>
/// The run's three sets as normalised float tensors on the training device, made once per run so that every batch
/// is a plain index slice.
/// </summary>
public sealed class PreparedData : IDisposable
{
    private PreparedData(LabelledTensors train, LabelledTensors validation, LabelledTensors test)
    {
        Train = train;
        Validation = validation;
        Test = test;
    }

    /// <summary>The training examples (the dataset's training set minus the validation split).</summary>
    public LabelledTensors Train { get; }

    /// <summary>The held-out validation split (may be empty).</summary>
    public LabelledTensors Validation { get; }

    /// <summary>The dataset's official test set.</summary>
    public LabelledTensors Test { get; }

    /// <summary>
    /// Splits, normalises and moves the data; <paramref name="generated"/> (training and validation examples of other
    /// writing styles) joins each side of the split.
    /// </summary>
    /// <exception cref="LeNetException">The validation split would leave no training examples.</exception>
    public static PreparedData Create(DatasetSplit data, int validationCount, long seed, Normalization normalization, Device device,
        (ImageDataset Train, ImageDataset Validation)? generated = null)
    {
        if (validationCount >= data.Train.Count)
            throw new LeNetException($"--val-split: must be less than the {data.Train.Count:N0} training examples (got {validationCount:N0})");
        var (train, validation) = data.Train.Split(validationCount, seed);
        if (generated is { } extra)
            (train, validation) = (Join(train, extra.Train), Join(validation, extra.Validation));
        using (train)
        using (validation)
        {
            return new PreparedData(
                LabelledTensors.From(train, normalization, device),
                LabelledTensors.From(validation, normalization, device),
                LabelledTensors.From(data.Test, normalization, device));
        }
    }

    /// <summary>Normalises and moves sets already split (an image folder's, split per class).</summary>
    public static PreparedData Create(ImageDataset train, ImageDataset validation, ImageDataset test, Normalization normalization, Device device) =>
        new(LabelledTensors.From(train, normalization, device), LabelledTensors.From(validation, normalization, device), LabelledTensors.From(test, normalization, device));

    private static ImageDataset Join(ImageDataset first, ImageDataset second)
    {
        using (first)
            return first.Concat(second);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
        Test.Dispose();
    }
}

/// <summary>Normalised inputs <c>[N, 1, H, W]</c> and int64 labels <c>[N]</c>.</summary>
public sealed record LabelledTensors(Tensor Inputs, Tensor Labels) : IDisposable
{
    /// <summary>Number of examples.</summary>
    public int Count => (int)Labels.shape[0];

    /// <summary>The labels as a plain array.</summary>
    public int[] LabelArray()
    {
        using var labels = Labels.to(ScalarType.Int32).cpu();
        return labels.data<int>().ToArray();
    }

    /// <summary>Normalises <paramref name="set"/> onto <paramref name="device"/>.</summary>
    public static LabelledTensors From(ImageDataset set, Normalization normalization, Device device)
    {
        using var pixels = set.Images.to(device);
        return new LabelledTensors(normalization.Apply(pixels).DetachFromDisposeScope(), set.Labels.to(device).DetachFromDisposeScope());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Inputs.Dispose();
        Labels.Dispose();
    }
}
