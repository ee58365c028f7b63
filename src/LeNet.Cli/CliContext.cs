using LeNet.Data;
using Spectre.Console;

namespace LeNet.Cli;

/// <summary>What every command gets from the process: the console to write to and the environment to read.</summary>
public sealed record CliContext(IAnsiConsole Console, Func<string, string?> Environment)
{
    /// <summary>Environment variable naming a dataset folder, used when <c>--data</c> is not given.</summary>
    public const string DataVariable = "LENET_DATA";

    /// <summary>Environment variable naming font folders (separated by ':'), used when <c>--fonts</c> is not given.</summary>
    public const string FontsVariable = "LENET_FONTS";

    /// <summary>
    /// Where datasets and fonts come from: <c>--data</c>, else <c>LENET_DATA</c>, else the cache and its sources;
    /// <c>--fonts</c>, else <c>LENET_FONTS</c>, else Debian's font folder and the project's npm fonts.
    /// </summary>
    public DataOptions DataOptions(string? dataFlag, string[]? fontFolders = null)
    {
        var directory = dataFlag ?? NullIfEmpty(Environment(DataVariable));
        return new DataOptions(directory, LeNet.Data.DataOptions.DefaultCacheDirectory(NullIfEmpty(Environment("XDG_CACHE_HOME"))),
            FontFolders: FontFolders(fontFolders));
    }

    /// <summary>The font folders: the flag's, else the variable's, else the defaults.</summary>
    public IReadOnlyList<string> FontFolders(string[]? flag)
    {
        if (flag is { Length: > 0 })
            return flag;
        if (NullIfEmpty(Environment(FontsVariable)) is { } variable)
            return variable.Split(':', StringSplitOptions.RemoveEmptyEntries);
        return [.. LeNet.Data.DataOptions.DefaultFontFolders, Path.Combine("fonts", "node_modules")];
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
