using LeNet.Models;

namespace LeNet.Training;

/// <summary>
/// The training an architecture gets when nothing else is asked for. The paper's network trains the paper's way
/// (<see cref="Reproduction.PaperTraining"/>: SDLM, its per-pass rates, one example per step, all 60,000 digits, 20
/// passes); every other architecture starts from <see cref="TrainingOptions"/>' defaults. Typed flags override either.
/// </summary>
public static class ArchitectureDefaults
{
    /// <summary>The passes of the paper's training (LeCun et al. 1998, section III.C).</summary>
    public const int PaperPasses = 20;

    /// <summary>The options <paramref name="architecture"/> starts from.</summary>
    public static TrainingOptions For(string architecture) =>
        IsPapers(architecture) ? Reproduction.PaperTraining with { Architecture = architecture, Epochs = PaperPasses } : new TrainingOptions();

    /// <summary>Whether <paramref name="architecture"/> names one of the paper's networks (an unknown name is not).</summary>
    private static bool IsPapers(string architecture) => Architecture.Find(architecture)?.PapersNetwork == true;

    /// <summary>A sentence naming the recipe when it is not the general default, for the command line to print.</summary>
    public static string? Describe(string architecture)
    {
        if (!IsPapers(architecture))
            return null;
        var paper = For(architecture);
        return FormattableString.Invariant($"--arch {architecture} trains the paper's way: {paper.Optimizer.ToString().ToLowerInvariant()}, the paper's schedule from lr {paper.LearningRate}, ") +
               (paper.DampingDecay
                   ? FormattableString.Invariant($"damping falling from {paper.WarmupDamping} to {paper.Damping} over {paper.WarmupPasses} passes, ")
                   : FormattableString.Invariant($"damping {paper.WarmupDamping} for {paper.WarmupPasses} passes then {paper.Damping}, ")) +
               FormattableString.Invariant($"batch {paper.BatchSize}, all 60,000 digits (no validation split), ") +
               FormattableString.Invariant($"{paper.Epochs} passes on {paper.Threads} thread; any flag you type overrides its part.");
    }
}
