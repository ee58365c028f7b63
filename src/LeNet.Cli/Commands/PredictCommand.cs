using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LeNet.Cli.Rendering;
using LeNet.Inference;
using LeNet.IO;
using LeNet.Reporting;
using Spectre.Console;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet predict</c>: the digit in each image, with probability and top-3; folders in batch with a CSV report.</summary>
internal static class PredictCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new Argument<string[]>("images") { Description = "Image files and/or folders of images.", Arity = ArgumentArity.OneOrMore };
        var model = SharedOptions.Model();
        var json = new Option<bool>("--json") { Description = "Print one JSON object per image (an array) instead of a table." };
        var csv = new Option<string?>("--csv") { Description = "Write a CSV report here (default when a folder is given: predictions.csv)." };
        var steps = new Option<string?>("--show-steps") { Description = "Folder to write, per image, a PNG strip of every preprocessing stage." };
        var unsureBelow = SharedOptions.UnsureBelow();
        var runtime = SharedOptions.Runtime();
        var command = new Command("predict", "Read the handwritten digit in each image (photo or scan, any size).")
        {
            inputs, model, json, csv, steps, unsureBelow, runtime,
        };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(inputs)!;
            var files = ImageInputs.Expand(paths, "predict");
            using var recognizer = SharedOptions.LoadRecognizer(parse.GetValue(model), parse.GetValue(unsureBelow), parse.GetValue(runtime));
            var stepsFolder = parse.GetValue(steps);
            var results = files.Select(file => Predict(recognizer, file, stepsFolder)).ToList();

            if (parse.GetValue(json))
                context.Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(results.Select(r => r.ToJson()), Json.Options));
            else
                PredictionTable.Write(context.Console, results);
            var csvPath = parse.GetValue(csv) ?? (ImageInputs.AnyFolder(paths) ? "predictions.csv" : null);
            if (csvPath is not null)
            {
                AtomicFile.WriteText(csvPath, Csv(results));
                if (!parse.GetValue(json))
                    context.Console.MarkupLineInterpolated($"Wrote {csvPath}");
            }
            return results.Any(r => r.Error is not null) ? 1 : 0;
        });
        return command;
    }

    private static PredictionRow Predict(DigitRecognizer recognizer, string file, string? stepsFolder)
    {
        try
        {
            var steps = stepsFolder is null ? null : new PreprocessingSteps();
            var prediction = recognizer.PredictFile(file, steps);
            if (steps is not null)
                AtomicFile.WriteBytes(Path.Combine(stepsFolder!, Path.GetFileNameWithoutExtension(file) + ".steps.png"), StepsStrip.Render(steps));
            return new PredictionRow(file, prediction, null);
        }
        catch (Exception e) when (ImageInputs.IsRowProblem(e))
        {
            return new PredictionRow(file, null, ImageInputs.Problem(file, e));
        }
    }

    private static string Csv(IEnumerable<PredictionRow> rows)
    {
        var text = new StringBuilder("file,digit,probability,unsure,top2,top2_probability,top3,top3_probability,error\n");
        foreach (var row in rows)
        {
            var p = row.Prediction;
            string F(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
            text.AppendLine(string.Join(',',
                ImageInputs.Quote(row.File), p?.Label ?? "", p is null ? "" : F(p.Probability), p?.Unsure.ToString().ToLowerInvariant() ?? "",
                p?.Top3[1].Label ?? "", p is null ? "" : F(p.Top3[1].Probability), p?.Top3[2].Label ?? "", p is null ? "" : F(p.Top3[2].Probability),
                ImageInputs.Quote(row.Error ?? "")));
        }
        return text.ToString();
    }
}
