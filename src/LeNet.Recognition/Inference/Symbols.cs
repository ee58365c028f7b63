namespace LeNet.Inference;

/// <summary>
/// The classes a handwriting model reads: the ten digits, and for arithmetic the symbols of school sums. Written
/// variants fold into one class each: <c>x</c> and <c>*</c> are read as ×, a colon as ÷. The slash keeps its own
/// class because it is drawn unlike ÷ and shown as written; both divide.
/// </summary>
public static class Symbols
{
    /// <summary>Plus.</summary>
    public const string Plus = "+";
    /// <summary>Minus (U+2212; a hyphen typed into a model's class list means the same).</summary>
    public const string Minus = "−";
    /// <summary>Times: ×, x and * as people write them.</summary>
    public const string Times = "×";
    /// <summary>
    /// The multiplication dot as written between two numbers (<c>3·4</c>): read as <see cref="Times"/>, never a class a
    /// model learns, since a dot alone, blown up to 28 × 28, is any blob. The line reader tells it by its size and place.
    /// </summary>
    public const string MultiplicationDot = "·";
    /// <summary>Divided by: ÷, and a colon.</summary>
    public const string Divide = "÷";
    /// <summary>The slash, read as division.</summary>
    public const string Slash = "/";
    /// <summary>Equals: "compute" at the end of a sum, "check" with a right-hand side.</summary>
    public const string EqualsSign = "=";
    /// <summary>Opening parenthesis.</summary>
    public const string Open = "(";
    /// <summary>Closing parenthesis.</summary>
    public const string Close = ")";

    /// <summary>The ten digits, in label order.</summary>
    public static IReadOnlyList<string> Digits { get; } = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>The operators and brackets, in label order after the digits.</summary>
    public static IReadOnlyList<string> Operators { get; } = [Plus, Minus, Times, Divide, Slash, EqualsSign, Open, Close];

    /// <summary>The classes of a digits-and-symbols model, in label order: digits, then operators.</summary>
    public static IReadOnlyList<string> Math { get; } = [.. Digits, .. Operators];

    /// <summary>
    /// Whether <paramref name="label"/> is drawn as one straight stroke (a 1, a /): such classes differ by their lean,
    /// which a writer's slant hides in a character alone and the upright line shows.
    /// </summary>
    public static bool IsStraightStroke(string label) => label is "1" or Slash;

    /// <summary>Whether <paramref name="label"/> is one of the ten digits.</summary>
    public static bool IsDigit(string label) => label.Length == 1 && char.IsAsciiDigit(label[0]);

    /// <summary>
    /// A folder name for a class (image-folder datasets name classes by folder, and / cannot be in a name): digits
    /// as themselves, operators by word (<c>plus</c>, <c>minus</c>, <c>times</c>, <c>divide</c>, <c>slash</c>,
    /// <c>equals</c>, <c>open</c>, <c>close</c>), anything else unchanged.
    /// </summary>
    public static string FolderName(string label) => label switch
    {
        Plus => "plus",
        Minus => "minus",
        Times => "times",
        Divide => "divide",
        Slash => "slash",
        EqualsSign => "equals",
        Open => "open",
        Close => "close",
        _ => label,
    };

    /// <summary>The class a folder is named for: the inverse of <see cref="FolderName"/> (a folder may also be named by the symbol itself).</summary>
    public static string FromFolderName(string name) =>
        Operators.FirstOrDefault(o => FolderName(o) == name.ToLowerInvariant()) ?? (name.Length == 1 && ClassOf(name[0]) is { } symbol ? symbol : name);

    /// <summary>
    /// The class a typed or written character belongs to (<c>x</c>, <c>X</c>, <c>*</c> and <c>·</c> → ×; <c>:</c> → ÷;
    /// a hyphen → −), or null when it is none of them.
    /// </summary>
    public static string? ClassOf(char character) => character switch
    {
        >= '0' and <= '9' => character.ToString(),
        '+' => Plus,
        '-' or '−' or '–' => Minus,
        '×' or 'x' or 'X' or '*' or '·' => Times,
        '÷' or ':' => Divide,
        '/' => Slash,
        '=' => EqualsSign,
        '(' => Open,
        ')' => Close,
        _ => null,
    };
}
