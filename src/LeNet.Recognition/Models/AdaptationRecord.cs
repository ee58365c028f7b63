namespace LeNet.Models;

/// <summary>What a fine-tuned model was tuned from and on, as its file records it.</summary>
/// <param name="From">The model it started from: a file path or <c>bundled digits model</c>.</param>
/// <param name="On">The examples: a folder, a profile, or <c>examples</c> given in code.</param>
/// <param name="Examples">How many examples per class, in class order.</param>
/// <param name="HeldOutAccuracyBefore">Accuracy on the held-out examples before tuning (null when none were held out).</param>
/// <param name="HeldOutAccuracyAfter">The same after tuning.</param>
/// <param name="Steps">Optimizer steps taken per network.</param>
/// <param name="Rehearsal">What was rehearsed so earlier knowledge stays: <c>MNIST</c> or <c>generated</c>.</param>
public sealed record AdaptationRecord(string From, string On, IReadOnlyList<int> Examples, double? HeldOutAccuracyBefore, double? HeldOutAccuracyAfter,
    int Steps, string Rehearsal, DateTimeOffset TunedUtc);
