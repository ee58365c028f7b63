using LeNet.Data;
using LeNet.Inference;
using LeNet.Synthesis;
using Microsoft.Extensions.Logging;

namespace LeNet.Training;

/// <summary>
/// The generated handwriting of a run (<see cref="TrainingOptions.Generated"/>): characters of every class from the
/// generator's training writers and fonts, and a tenth as many from its validation writers and fonts (styles are
/// split, never images, so validation accuracy is on hands the network never saw); the line reader's junk and its
/// cut-out characters (<see cref="SegmentationSamples"/>); and the classes' shapes on a line (<see cref="ShapePrior"/>).
/// </summary>
/// <param name="Junk">Non-characters for Outlier Exposure, 784 bytes each.</param>
public sealed record GeneratedData(ImageDataset Train, ImageDataset Validation, byte[] Junk, ShapePrior Shapes) : IDisposable
{
    /// <summary>Pen writers per split: each writes a few characters of each class.</summary>
    public const int TrainingWriters = 1_000, ValidationWriters = 200;

    /// <summary>Generates everything a run with <see cref="TrainingOptions.Generated"/> characters per class needs.</summary>
    /// <exception cref="LeNetException">No font is installed and no pen writer can write a class.</exception>
    public static GeneratedData Create(TrainingOptions options, DatasetInfo dataset, FontLibrary fonts, ILogger? logger = null)
    {
        var classes = dataset.ClassNames;
        logger?.LogInformation("Generating {Count:N0} handwritten characters ({PerClass:N0} per class), {Junk:N0} non-characters and line shapes",
            options.Generated * classes.Count * 11 / 10, options.Generated, JunkCount(options, dataset));
        var (pens, trainFonts) = (Writers.Hands(StyleSplit.Train, TrainingWriters), fonts.Hands(StyleSplit.Train));
        var glyphs = GlyphSampler.Generate(pens, trainFonts, classes, new GlyphSampling(options.Generated), Seed("generated/train", options), options.Threads);
        var segmented = SegmentationSamples.Generate(pens, trainFonts, classes, JunkCount(options, dataset), Seed("segmentation", options), options.Threads);
        var validation = GlyphSampler.Generate(Writers.Hands(StyleSplit.Validation, ValidationWriters), fonts.Hands(StyleSplit.Validation), classes,
            new GlyphSampling(Math.Max(20, options.Generated / 10)), Seed("generated/validation", options), options.Threads);
        var shapes = LineShapes.Fit(pens, trainFonts, classes, LineShapes.DefaultLines, Seed("shapes", options), options.Threads);
        return new GeneratedData(Dataset(glyphs.Concat(segmented.Characters), classes), Dataset(validation, classes), segmented.Junk, shapes);
    }

    /// <summary>Junk images: a quarter as many as generated characters, at most 20,000.</summary>
    public static int JunkCount(TrainingOptions options, DatasetInfo dataset) => Math.Min(20_000, options.Generated * dataset.ClassNames.Count / 4);

    private static int Seed(string purpose, TrainingOptions options) => StableHash.Of(purpose, (int)options.Seed);

    private static ImageDataset Dataset(GlyphSet set, IReadOnlyList<string> classes) =>
        ImageDataset.FromBytes(set.Pixels, set.Labels, MnistFormatter.FieldSize, MnistFormatter.FieldSize, classes);

    /// <inheritdoc />
    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
    }
}
