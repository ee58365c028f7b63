namespace LeNet.Synthesis;

/// <summary>
/// Which part of the experiment a writing style belongs to. Styles are split, never images: a writer or font used
/// for training is never seen in validation or test, so those measure how well reading generalises to new hands.
/// </summary>
public enum StyleSplit
{
    /// <summary>Styles the models learn from.</summary>
    Train,

    /// <summary>Styles for choosing settings (thresholds, weights) and for validation accuracy during training.</summary>
    Validation,

    /// <summary>Styles kept for the final measurement only.</summary>
    Test,
}

/// <summary>The imagined writers of each split: disjoint seed streams, so no writer is in two splits.</summary>
public static class Writers
{
    /// <summary>The <paramref name="index"/>-th writer of <paramref name="split"/>.</summary>
    public static WriterStyle Of(StyleSplit split, int index) => WriterStyle.Sample(StableHash.Of($"writer/{split}", index));

    /// <summary>The first <paramref name="count"/> pen hands of <paramref name="split"/>.</summary>
    public static IReadOnlyList<PenHand> Hands(StyleSplit split, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new PenHand(Of(split, i), $"pen writer {split.ToString().ToLowerInvariant()} {i}"))];
}
