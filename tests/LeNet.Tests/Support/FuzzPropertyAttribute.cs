using FsCheck.Xunit;

namespace LeNet.Tests.Support;

/// <summary>
/// An FsCheck property that runs 300 cases in the suite, or <c>$LENET_FUZZ_CASES</c> of them for a longer fuzzing run
/// (README, "Limits and guarantees": <c>LENET_FUZZ_CASES=30000 ./test --filter RandomInputProperties</c>).
/// </summary>
public sealed class FuzzPropertyAttribute : PropertyAttribute
{
    /// <summary>Cases per property when <c>$LENET_FUZZ_CASES</c> is not set.</summary>
    public const int SuiteCases = 300;

    public FuzzPropertyAttribute() =>
        MaxTest = int.TryParse(Environment.GetEnvironmentVariable("LENET_FUZZ_CASES"), out var cases) && cases > 0 ? cases : SuiteCases;
}
