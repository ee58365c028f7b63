using System.CommandLine;
using System.Text.Json;
using LeNet.Inference;
using LeNet.IO;
using LeNet.Reporting;
using Spectre.Console;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet read</c>: a line of handwritten digits, each with its confidence, and an annotated picture.</summary>
internal static class ReadCommand
{
    public static Command Create(CliContext context)
    {
        var image = new Argument<string>("image") { Description = "A photo or scan of a line of digits (a number, a postcode, a meter reading)." };
        var model = SharedOptions.Model();
        var output = new Option<string?>("--out") { Description = "Annotated PNG to write (default: <image name>.read.png in the current folder)." };
        var json = new Option<bool>("--json") { Description = "Print the reading as JSON." };
        var unsureBelow = SharedOptions.UnsureBelow();
        var runtime = SharedOptions.Runtime();
        var command = new Command("read", "Read a line of handwritten digits and write an annotated image with boxes and labels.")
        {
            image, model, output, json, unsureBelow, runtime,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(image)!;
            using var recognizer = SharedOptions.LoadRecognizer(parse.GetValue(model), parse.GetValue(unsureBelow), parse.GetValue(runtime));
            var decoded = ImageDecoder.DecodeFile(path, recognizer.Options.ImageLimits);
            var reading = recognizer.ReadLine(decoded);
            var annotated = parse.GetValue(output) ?? Path.GetFileNameWithoutExtension(path) + ".read.png";
            AtomicFile.WriteBytes(annotated, ReadingAnnotation.Render(decoded, reading));
            if (parse.GetValue(json))
            {
                var digits = reading.Digits.Select(d => new { digit = d.Prediction.Label, probability = d.Prediction.Probability, unsure = d.Prediction.Unsure, box = d.Box, top3 = d.Prediction.Top3 });
                context.Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new { text = reading.Text, digits, annotated }, Json.Options));
                return 0;
            }
            Write(context.Console, path, reading, annotated);
            return 0;
        });
        return command;
    }

    private static void Write(IAnsiConsole console, string path, LineReading reading, string annotated)
    {
        if (reading.Digits.Count == 0)
        {
            console.MarkupLineInterpolated($"{path}: [yellow]no digits found[/]");
            return;
        }
        var text = string.Concat(reading.Digits.Select(d => d.Prediction.Unsure ? $"[yellow]{d.Prediction.Label}[/]" : d.Prediction.Label));
        console.MarkupLine($"{Markup.Escape(path)}: [bold]{text}[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("#").AddColumn("digit").AddColumn(new TableColumn("probability").RightAligned()).AddColumn("box (x, y, w, h)").AddColumn("top 3");
        for (var i = 0; i < reading.Digits.Count; i++)
        {
            var (box, p) = (reading.Digits[i].Box, reading.Digits[i].Prediction);
            table.AddRow($"{i + 1}", p.Unsure ? $"[yellow]{p.Label} (unsure)[/]" : p.Label, $"{p.Probability:P1}",
                $"{box.Left}, {box.Top}, {box.Width}, {box.Height}", Markup.Escape(string.Join("  ", p.Top3.Select(t => $"{t.Label} {t.Probability:P1}"))));
        }
        console.Write(table);
        console.MarkupLineInterpolated($"Wrote {annotated}");
    }
}
