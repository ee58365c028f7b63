using System.CommandLine;

namespace LeNet.Cli.Commands;

/// <summary>Options several commands share, defined once so they read the same everywhere.</summary>
internal static class SharedOptions
{
    public static Option<string?> Data() => new("--data")
    {
        Description = "Folder holding the dataset's IDX files (raw or .gz), directly or in a sub-folder named after the dataset. Default: $LENET_DATA, else the per-user cache (filled from the mirrors, npm or Debian's package).",
    };

    public static Option<int> Threads() => new("--threads")
    {
        Description = "libtorch threads (0 = one per core).",
        DefaultValueFactory = _ => 0,
    };

    public static Option<string> Architecture() => new("--arch")
    {
        Description = $"Network: {string.Join(", ", Models.Architecture.All.Select(a => a.Name))}.",
        DefaultValueFactory = _ => Models.Architecture.Default.Name,
    };
}
