using System.CommandLine;
using System.Text;
using LeNet.Inference;
using LeNet.IO;
using LeNet.Synthesis;
using Spectre.Console;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet generate</c>: photos of generated handwriting, written by the writers and fonts of one split — single
/// characters in class folders (the layout <c>--images</c> reads) or whole lines with their text in lines.csv.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create(CliContext context)
    {
        var styles = new Option<StyleSplit>("--styles") { Description = "Whose writing: train, validation or test (writers and fonts never used in training or tuning).", DefaultValueFactory = _ => StyleSplit.Test };
        var kind = new Option<GeneratedKind>("--kind") { Description = "characters (one per photo, in a folder per class), digits (lines of 2–8 digits) or arithmetic (handwritten sums).", DefaultValueFactory = _ => GeneratedKind.Characters };
        var classes = new Option<string>("--classes") { Description = "With --kind characters: digits or math (digits and + − × ÷ / = ( )).", DefaultValueFactory = _ => "digits" };
        var count = new Option<int>("--count") { Description = "Photos per class (characters) or lines.", DefaultValueFactory = _ => 10 };
        var text = new Option<string?>("--text") { Description = "With --kind digits or arithmetic: write this line (digits and + − × ÷ / = ( ); x * : also accepted, · written as a dot) instead of random ones." };
        var pages = new Option<bool>("--pages") { Description = "With --kind digits or arithmetic: pages of 2–5 lines in one hand (a worksheet) instead of single lines; pages.csv gives each page's lines, separated by ';'." };
        var paper = SharedOptions.Paper();
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed and styles always give the same photos.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder to write into.", Required = true };
        var fonts = SharedOptions.Fonts();
        var command = new Command("generate", "Write photos of generated handwriting: characters in class folders, or lines with their text.")
        {
            styles, kind, classes, count, text, pages, paper, seed, output, fonts,
        };
        command.SetAction(parse =>
        {
            var (split, what, n, folder) = (parse.GetValue(styles), parse.GetValue(kind), parse.GetValue(count), parse.GetValue(output)!);
            if (n is < 1 or > 100_000)
                throw new LeNetException($"--count: must be between 1 and 100,000 (got {n})");
            var library = FontLibrary.Scan(context.FontFolders(parse.GetValue(fonts)));
            var (pens, hands) = (Writers.Hands(split, 200), library.Hands(split));
            if (library.Missing(split) is { Count: > 0 } missing)
                context.Console.MarkupLineInterpolated($"[yellow]{missing.Count} {split} fonts are not installed ({string.Join(", ", missing.Select(f => f.Family))}); writing with the rest.[/]");
            var lineKind = what == GeneratedKind.Digits ? LineKind.Digits : LineKind.Arithmetic;
            if (parse.GetValue(pages) && (what == GeneratedKind.Characters || parse.GetValue(text) is not null))
                throw new LeNetException("--pages: pages are of random lines: give --kind digits or arithmetic, and no --text");
            if (what == GeneratedKind.Characters && parse.GetValue(paper) != Paper.Plain)
                throw new LeNetException("--paper: characters are photographed alone on plain paper; ruled and squared paper are for --kind digits or arithmetic");
            var written = what == GeneratedKind.Characters
                ? WriteCharacters(folder, HandwritingPhotos.Create(pens, hands, ClassesOf(parse.GetValue(classes)!), perFont: 1, parse.GetValue(seed)), n)
                : parse.GetValue(pages)
                    ? WritePages(folder, PagePhotos.Create(LinePhotos.Alternating(pens, hands), lineKind, n, parse.GetValue(seed), paper: parse.GetValue(paper)))
                    : WriteLines(folder, LinePhotos.Create(pens, hands, lineKind, n, parse.GetValue(seed), text: Normalised(parse.GetValue(text)), paper: parse.GetValue(paper)));
            context.Console.MarkupLineInterpolated($"Wrote {written:N0} photos in the {split.ToString().ToLowerInvariant()} writing styles to {folder}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The text in class symbols (x → ×, : → ÷, - → −; a · stays, to be written as a dot), refusing characters no hand can
    /// write.
    /// </summary>
    private static string? Normalised(string? text) => text is null ? null : string.Concat(text.Where(c => !char.IsWhiteSpace(c)).Select(c =>
        c.ToString() == Symbols.MultiplicationDot ? Symbols.MultiplicationDot
        : Symbols.ClassOf(c) ?? throw new LeNetException($"--text: '{c}' is not a digit or an arithmetic symbol")));

    private static IReadOnlyList<string> ClassesOf(string name) => name.ToLowerInvariant() switch
    {
        "digits" => Symbols.Digits,
        "math" => Symbols.Math,
        _ => throw new LeNetException($"--classes: '{name}' is not digits or math"),
    };

    /// <summary>Up to <paramref name="perClass"/> photos of each class, in folders named by class.</summary>
    private static int WriteCharacters(string folder, IReadOnlyList<CharacterPhoto> photos, int perClass)
    {
        var written = 0;
        foreach (var group in photos.GroupBy(p => p.Label))
        {
            var classFolder = Path.Combine(folder, Symbols.FolderName(group.Key));
            Directory.CreateDirectory(classFolder);
            // Fonts and pen writers mixed: a stable shuffle, not the first fonts only.
            var chosen = group.Select((p, i) => (Photo: p, Key: StableHash.Of(group.Key, i))).OrderBy(x => x.Key).Take(perClass).Select(x => x.Photo);
            foreach (var (photo, index) in chosen.Select((p, i) => (p, i)))
            {
                AtomicFile.WriteBytes(Path.Combine(classFolder, $"{index:D5}.jpg"), photo.Photo);
                written++;
            }
        }
        return written;
    }

    /// <summary>The page photos as numbered files, and pages.csv naming each page's lines and who wrote them.</summary>
    private static int WritePages(string folder, IReadOnlyList<PagePhoto> photos) =>
        WriteNumbered(folder, photos, "pages.csv", "file,lines,hand", p => p.Photo, p => [ImageInputs.Quote(string.Join(';', p.Lines)), ImageInputs.Quote(p.Hand)]);

    /// <summary>The line photos as numbered files, and lines.csv naming what each says and who wrote it.</summary>
    private static int WriteLines(string folder, IReadOnlyList<LinePhoto> photos) =>
        WriteNumbered(folder, photos, "lines.csv", "file,text,hand,touching,dots", p => p.Photo,
            p => [ImageInputs.Quote(p.Text), ImageInputs.Quote(p.Hand), Flag(p.HasTouching), Flag(p.HasDots)]);

    /// <summary>A yes/no column of lines.csv.</summary>
    private static string Flag(bool value) => value ? "true" : "false";

    /// <summary>The photos as numbered files (00000.jpg …), and the CSV <paramref name="index"/> giving each file's columns.</summary>
    private static int WriteNumbered<T>(string folder, IReadOnlyList<T> photos, string index, string header, Func<T, byte[]> photo, Func<T, string[]> columns)
    {
        Directory.CreateDirectory(folder);
        var text = new StringBuilder(header).Append('\n');
        for (var i = 0; i < photos.Count; i++)
        {
            var name = $"{i:D5}.jpg";
            AtomicFile.WriteBytes(Path.Combine(folder, name), photo(photos[i]));
            text.AppendLine(string.Join(',', columns(photos[i]).Prepend(name)));
        }
        AtomicFile.WriteText(Path.Combine(folder, index), text.ToString());
        return photos.Count;
    }
}

/// <summary>What <c>lenet generate</c> writes.</summary>
internal enum GeneratedKind
{
    /// <summary>Single characters in class folders.</summary>
    Characters,

    /// <summary>Lines of digits.</summary>
    Digits,

    /// <summary>Handwritten sums.</summary>
    Arithmetic,
}
