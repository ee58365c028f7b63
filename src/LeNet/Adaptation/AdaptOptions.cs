namespace LeNet.Adaptation;

/// <summary>
/// How a trained model is fine-tuned to a writer's examples. The defaults were chosen on generated validation writers
/// (README, "Teach it your handwriting"): a few seconds on two cores, and the model keeps what it knew.
/// </summary>
public sealed record AdaptOptions
{
    /// <summary>Optimizer steps per network (an ensemble tunes each member).</summary>
    public int Steps { get; init; } = 200;

    /// <summary>Adam's learning rate: a tenth of training from scratch, so a few examples move the network gently.</summary>
    public double LearningRate { get; init; } = 5e-4;

    /// <summary>
    /// The writer's examples in each batch, drawn with replacement and distorted (affine, as in training). A third of
    /// the batch: on the validation writers, 64 beside the 96 rehearsed gave a mean MNIST drop of 0.039 points and 32
    /// gave 0.019, with the writers' own accuracy the same (99.92 and 99.90 %); 16 began to cost the writers (99.85 %).
    /// </summary>
    public int ExamplesPerBatch { get; init; } = 32;

    /// <summary>Rehearsed examples of the original data in each batch, so nothing is forgotten.</summary>
    public int RehearsalPerBatch { get; init; } = 96;

    /// <summary>Train only the fully connected layers; the convolutions keep the features they learned.</summary>
    public bool FreezeConvolutions { get; init; }

    /// <summary>
    /// Examples of each class kept back to choose the best step (early stopping): one in five, and none of a class with
    /// fewer than five. 0 holds none back: every example trains and the last step is kept.
    /// </summary>
    public int HoldOutOneIn { get; init; } = 5;

    /// <summary>How many of a class's <paramref name="examples"/> are held back: one in <see cref="HoldOutOneIn"/>, none of a class with fewer.</summary>
    public int HeldBackOf(int examples) => HoldOutOneIn == 0 ? 0 : examples / HoldOutOneIn;

    /// <summary>In words, for reports: what is held back of <paramref name="examplesPerClass"/> examples per class, and why none is.</summary>
    public string DescribeHoldOut(int examplesPerClass) => HeldBackOf(examplesPerClass) is var held and > 0
        ? $"{held} of each class held out to choose the step"
        : $"none held out ({WhyNoneHeldOut}): the last step is kept";

    /// <summary>Why no example is held back when none is: the option says so, or a class has too few.</summary>
    public string WhyNoneHeldOut => HoldOutOneIn == 0 ? "--hold-out 0" : $"a class needs {HoldOutOneIn} or more";

    /// <summary>How often (in steps) the held-out examples are scored.</summary>
    public int EvaluateEvery { get; init; } = 10;

    /// <summary>Seeds the held-out choice, batches and distortions.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Cores used (0: one per core).</summary>
    public int Threads { get; init; }

    /// <summary>Most examples one adaptation takes.</summary>
    public const int MaxExamples = 100_000;

    /// <summary>Throws a <see cref="LeNetException"/> naming the first invalid field.</summary>
    public AdaptOptions Validate()
    {
        Require(Steps is >= 1 and <= 100_000, "steps", $"must be between 1 and 100,000 (got {Steps})");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), "lr", $"must be a positive number (got {LearningRate})");
        Require(ExamplesPerBatch >= 1, "examples-per-batch", $"must be at least 1 (got {ExamplesPerBatch})");
        Require(RehearsalPerBatch >= 0, "rehearsal-per-batch", $"must be zero or positive (got {RehearsalPerBatch})");
        Require(HoldOutOneIn is 0 or >= 2, "hold-out", $"must be 0 (none) or at least 2 (got {HoldOutOneIn})");
        Require(EvaluateEvery >= 1, "evaluate-every", $"must be at least 1 (got {EvaluateEvery})");
        Require(Threads >= 0, "threads", $"must be zero (one per core) or positive (got {Threads})");
        return this;
    }

    private static void Require(bool condition, string field, string problem)
    {
        if (!condition)
            throw new LeNetException($"--{field}: {problem}");
    }
}
