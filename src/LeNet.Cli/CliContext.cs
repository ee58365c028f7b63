using LeNet.Data;
using Spectre.Console;

namespace LeNet.Cli;

/// <summary>What every command gets from the process: the console to write to and the environment to read.</summary>
public sealed record CliContext(IAnsiConsole Console, Func<string, string?> Environment)
{
    /// <summary>Environment variable naming a dataset folder, used when <c>--data</c> is not given.</summary>
    public const string DataVariable = "LENET_DATA";

    /// <summary>Where datasets come from: <c>--data</c>, else <c>LENET_DATA</c>, else the cache and its sources.</summary>
    public DataOptions DataOptions(string? dataFlag)
    {
        var directory = dataFlag ?? NullIfEmpty(Environment(DataVariable));
        return new DataOptions(directory, LeNet.Data.DataOptions.DefaultCacheDirectory(NullIfEmpty(Environment("XDG_CACHE_HOME"))));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
