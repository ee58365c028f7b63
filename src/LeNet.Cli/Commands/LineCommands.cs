using System.CommandLine;
using System.Text;
using System.Text.Json;
using LeNet.Cli.Rendering;
using LeNet.Inference;
using LeNet.IO;
using LeNet.Reporting;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet read</c> (a line of digits) and <c>lenet calc</c> (a handwritten sum, computed): many files and folders
/// at once, a table or JSON, an annotated picture per image, a CSV for folders.
/// </summary>
internal static class LineCommands
{
    public static Command Read(CliContext context) => Create(context, math: false);

    public static Command Calc(CliContext context) => Create(context, math: true);

    private static Command Create(CliContext context, bool math)
    {
        var name = math ? "calc" : "read";
        var inputs = new Argument<string[]>("images") { Description = math ? "Photos or scans of handwritten sums, and/or folders of them." : "Photos or scans of a line of digits (a number, a postcode, a meter reading), and/or folders of them.", Arity = ArgumentArity.OneOrMore };
        var model = SharedOptions.Model(math ? "Model file (.lenet) that reads digits and symbols. Default: the bundled math model." : null);
        var output = new Option<string?>("--out") { Description = $"Folder for the annotated pictures (<image name>.{name}.png; default: the current folder), or a .png file when reading one image." };
        var noAnnotate = new Option<bool>("--no-annotate") { Description = "Write no annotated pictures." };
        var steps = new Option<string?>("--show-steps") { Description = "Folder to write, per image, a picture of the segmentation: the pieces, every candidate the network read, and the path chosen." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per image (an array) instead of a table." };
        var csv = new Option<string?>("--csv") { Description = $"Write a CSV report here (default when a folder is given: {name}.csv)." };
        var unsureBelow = SharedOptions.UnsureBelow();
        var runtime = SharedOptions.Runtime();
        var command = new Command(name, math
            ? "Read a handwritten sum (digits, + − × ÷ / = and brackets) and compute it exactly; = with a right side checks it. A photo of a worksheet gives a row per sum."
            : "Read a line of handwritten digits and write an annotated image with boxes and labels. A photo of several lines gives a row per line.")
        {
            inputs, model, output, noAnnotate, steps, json, csv, unsureBelow, runtime,
        };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(inputs)!;
            if (!math && paths.Contains("--math"))
                throw new LeNetException("--math: lenet read reads lines of digits; to read a handwritten sum and compute it, use lenet calc IMAGE…");
            var files = ImageInputs.Expand(paths, name);
            var annotate = !parse.GetValue(noAnnotate);
            var target = parse.GetValue(output);
            if (annotate && target is not null && target.EndsWith(".png", StringComparison.OrdinalIgnoreCase) && files.Count > 1)
                throw new LeNetException($"--out: {target} is one picture, but {files.Count} images are read: give a folder");
            using var recognizer = SharedOptions.LoadRecognizer(parse.GetValue(model), parse.GetValue(unsureBelow), parse.GetValue(runtime),
                bundled: math ? Models.BundledModel.Math : Models.BundledModel.Digits);
            var stepsFolder = parse.GetValue(steps);
            var rows = files.SelectMany(file => ReadOne(recognizer, file, math, annotate ? AnnotatedPath(file, target, name) : null,
                stepsFolder is null ? null : Path.Combine(stepsFolder, Path.GetFileNameWithoutExtension(file) + ".segmentation.png"))).ToList();
            var writer = context.Console.Profile.Out.Writer;
            if (parse.GetValue(json))
                writer.WriteLine(JsonSerializer.Serialize(rows.Select(r => r.ToJson()), Json.Options));
            else
                LineView.Write(context.Console, rows);
            var csvPath = parse.GetValue(csv) ?? (ImageInputs.AnyFolder(paths) ? $"{name}.csv" : null);
            if (csvPath is not null)
            {
                AtomicFile.WriteText(csvPath, Csv(rows));
                if (!parse.GetValue(json))
                    LineView.Wrote(context.Console, csvPath);
            }
            return rows.Any(r => r.Error is not null) ? 1 : 0;
        });
        return command;
    }

    private static string AnnotatedPath(string file, string? target, string verb) =>
        target is not null && target.EndsWith(".png", StringComparison.OrdinalIgnoreCase)
            ? target
            : Path.Combine(target ?? ".", $"{Path.GetFileNameWithoutExtension(file)}.{verb}.png");

    /// <summary>
    /// One image read, a row per line of writing in it (a worksheet gives several); a file that cannot be read becomes a
    /// row with its error, never the end of the batch.
    /// </summary>
    private static IEnumerable<LineRow> ReadOne(DigitRecognizer recognizer, string file, bool math, string? annotated, string? segmentation)
    {
        try
        {
            var image = ImageDecoder.DecodeFile(file, recognizer.Options.ImageLimits);
            var lines = recognizer.AnalysePage(image, expression: math);
            var results = lines.Select(l => math ? recognizer.Compute(l.Reading) : null).ToList();
            for (var k = 0; segmentation is not null && k < lines.Count; k++)
                AtomicFile.WriteBytes(lines.Count == 1 ? segmentation : Path.ChangeExtension(segmentation, null) + $".line{k + 1}.png",
                    SegmentationPicture.Render(lines[k].Analysis));
            if (annotated is not null)
                AtomicFile.WriteBytes(annotated, ReadingAnnotation.Render(image, [.. lines.Select((l, k) => (l.Reading, results[k]?.Display))]));
            return lines.Select((l, k) => new LineRow(file, l.Reading, results[k], annotated, null, lines.Count == 1 ? null : k + 1)).ToList();
        }
        catch (Exception e) when (ImageInputs.IsRowProblem(e))
        {
            return [new LineRow(file, null, null, null, ImageInputs.Problem(file, e))];
        }
    }

    private static string Csv(IEnumerable<LineRow> rows)
    {
        var text = new StringBuilder("file,text,symbols,lowest_probability,unsure_symbols,value,holds,problem,line\n");
        foreach (var row in rows)
        {
            var line = row.Line;
            var lowest = line is { Digits.Count: > 0 } ? line.Digits.Min(d => d.Prediction.Probability).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture) : "";
            text.AppendLine(string.Join(',',
                ImageInputs.Quote(row.File), ImageInputs.Quote(line?.Text ?? ""), line?.Digits.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", lowest,
                line?.UnsureSymbols.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                ImageInputs.Quote(row.Result?.Value?.ToString() ?? ""), row.Result?.Holds?.ToString().ToLowerInvariant() ?? "",
                ImageInputs.Quote(row.Error ?? row.Result?.Error ?? ""), row.LineNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        }
        return text.ToString();
    }
}
