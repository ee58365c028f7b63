using System.Text.RegularExpressions;

namespace LeNet.Web.Profiles;

/// <summary>
/// A profile's name: 1–40 letters, digits, '-' or '_' — so a name is always one plain folder inside the profiles
/// folder, never a path (no '/', '..', '~', NUL or anything a file system reads specially).
/// </summary>
public static partial class ProfileName
{
    /// <summary>Longest name accepted.</summary>
    public const int MaxLength = 40;

    /// <summary>Whether <paramref name="name"/> is a valid profile name.</summary>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>Why <paramref name="name"/> is refused, for a problem document.</summary>
    public static string Problem(string? name) =>
        $"profile '{name}': a profile name is 1–{MaxLength} letters, digits, '-' or '_'";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex Pattern();
}
