using System.Reflection;

namespace LeNet.Training;

/// <summary>An option of a resumed run whose requested value differs from the checkpoint's.</summary>
/// <param name="Option">The <see cref="TrainingOptions"/> property.</param>
/// <param name="Checkpoint">The checkpoint's value.</param>
/// <param name="Requested">The value asked for.</param>
public sealed record OptionChange(string Option, object? Checkpoint, object? Requested);

/// <summary>What a resumed run took from its request and what it kept from its checkpoint.</summary>
/// <param name="Options">The options the run continues with.</param>
/// <param name="Changed">Options that may change and did: how long and how fast it runs.</param>
/// <param name="Ignored">Options asked for that must match the checkpoint and did not: the checkpoint's values stay.</param>
public sealed record Resumption(TrainingOptions Options, IReadOnlyList<OptionChange> Changed, IReadOnlyList<OptionChange> Ignored);

/// <summary>
/// The rule a resumed run follows. What made the checkpoint's weights must match it — architecture, data, seed,
/// batch size, optimizer and schedule, distortions, validation split — so those come from the checkpoint. How long
/// and how fast the run goes may change: <see cref="MayChange"/> (the run folder and logging are not options and
/// always follow the command).
/// </summary>
public static class ResumeRule
{
    /// <summary>The options a resumed run takes from the request.</summary>
    public static IReadOnlyList<string> MayChange { get; } =
        [nameof(TrainingOptions.Epochs), nameof(TrainingOptions.Threads), nameof(TrainingOptions.Compute), nameof(TrainingOptions.Device)];

    private static readonly PropertyInfo[] Properties = typeof(TrainingOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    /// <summary>
    /// The options to resume with: the checkpoint's, with the may-change options of <paramref name="requested"/> that
    /// were <paramref name="typed"/> (property names). Typed options that must match and differ are reported ignored.
    /// </summary>
    public static Resumption Apply(TrainingOptions checkpoint, TrainingOptions requested, IReadOnlyCollection<string> typed)
    {
        var options = checkpoint with
        {
            Epochs = typed.Contains(nameof(TrainingOptions.Epochs)) ? requested.Epochs : checkpoint.Epochs,
            Threads = typed.Contains(nameof(TrainingOptions.Threads)) ? requested.Threads : checkpoint.Threads,
            Compute = typed.Contains(nameof(TrainingOptions.Compute)) ? requested.Compute : checkpoint.Compute,
            Device = typed.Contains(nameof(TrainingOptions.Device)) ? requested.Device : checkpoint.Device,
        };
        var differing = Properties.Where(p => typed.Contains(p.Name) && !Equals(p.GetValue(checkpoint), p.GetValue(requested)))
            .Select(p => new OptionChange(p.Name, p.GetValue(checkpoint), p.GetValue(requested))).ToList();
        return new Resumption(options, [.. differing.Where(c => MayChange.Contains(c.Option))], [.. differing.Where(c => !MayChange.Contains(c.Option))]);
    }
}
