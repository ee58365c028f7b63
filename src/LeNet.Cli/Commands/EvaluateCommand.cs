using System.CommandLine;
using LeNet.Cli.Rendering;
using LeNet.Data;
using LeNet.Models;
using LeNet.Native;
using LeNet.Reporting;
using LeNet.Synthesis;
using LeNet.Training;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet evaluate</c>: test loss and accuracy, per-class metrics, confusion matrix and worst mistakes.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var model = SharedOptions.Model();
        var styles = new Option<StyleSplit?>("--styles") { Description = "Instead of a test set: photos of characters in generated writing styles of this split (test: writers and fonts never used in training or tuning), with per-style accuracy, risk–coverage and calibration." };
        var lines = new Option<LineKind?>("--lines") { Description = "With --styles: photos of whole lines instead of single characters: digits or arithmetic (exact-line rate, touching pairs, values, latency)." };
        var count = new Option<int>("--count") { Description = "With --lines: how many lines (or pages).", DefaultValueFactory = _ => 400 };
        var pages = new Option<bool>("--pages") { Description = "With --lines: photos of pages of 2–5 such lines in one hand (a worksheet), each line found and read (lines found, lines and pages read exactly)." };
        var paper = SharedOptions.Paper();
        var lineDefaults = Inference.LineOptions.Default;
        var shapeWeight = new Option<double>("--shape-weight") { Description = "With --lines: weight of a class's height and position on the line against the network (to choose it on validation lines).", DefaultValueFactory = _ => lineDefaults.ShapeWeight };
        var cutPenalty = new Option<double>("--cut-penalty") { Description = "With --lines: cost of cutting through ink (log-probability units).", DefaultValueFactory = _ => lineDefaults.CutPenalty };
        var characterBonus = new Option<double>("--character-bonus") { Description = "With --lines: reward for every character read (log-probability units).", DefaultValueFactory = _ => lineDefaults.CharacterBonus };
        var leanWeight = new Option<double>("--lean-weight") { Description = "With --lines: weight of the lean of a 1 or a / (which tells them apart once the slant is removed) against height and position.", DefaultValueFactory = _ => lineDefaults.LeanWeight };
        var grammarCost = new Option<double>("--grammar-cost") { Description = "With --lines arithmetic: cost of each breach of a sum's syntax (0: none).", DefaultValueFactory = _ => lineDefaults.GrammarCost };
        var impliedProductCost = new Option<double>("--implied-product-cost") { Description = "With --lines arithmetic: cost of a bracket opened straight after a number, a product with its × left out (2(3+4)).", DefaultValueFactory = _ => lineDefaults.ImpliedProductCost };
        var sliceMinusWeight = new Option<double>("--slice-minus-weight") { Description = "With --lines arithmetic: how much a minus counts in a run holding part of a blob the cuts sliced (1: as the network reads it).", DefaultValueFactory = _ => lineDefaults.SliceMinusWeight };
        var numberGapCost = new Option<double>("--number-gap-cost") { Description = "With --lines arithmetic: cost per digit height of a wide gap inside a number (0: none).", DefaultValueFactory = _ => lineDefaults.NumberGapCost };
        var noiseCost = new Option<double>("--noise-cost") { Description = "With --lines: cost of leaving a small mark unread.", DefaultValueFactory = _ => lineDefaults.NoiseCost };
        var fonts = SharedOptions.Fonts();
        var unsureBelow = SharedOptions.UnsureBelow();
        var dataset = new Option<string?>("--dataset") { Description = "Dataset to test on (default: the one the model was trained on)." };
        var output = new Option<string?>("--out") { Description = "Folder for confusion.png and misclassified.png (default: the model's folder)." };
        var threads = SharedOptions.Threads();
        var data = SharedOptions.Data();
        var command = new Command("evaluate", "Evaluate a model on a test set: accuracy, per-class precision/recall/F1, confusion matrix, worst mistakes.")
        {
            model, dataset, output, threads, data, styles, lines, count, pages, paper, shapeWeight, leanWeight, cutPenalty, noiseCost, characterBonus, grammarCost, impliedProductCost, sliceMinusWeight, numberGapCost, fonts, unsureBelow,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(styles) is { } styleSplit && parse.GetValue(lines) is { } kind)
                return EvaluateLines(context, parse.GetValue(model), styleSplit, kind, parse.GetValue(count), parse.GetValue(pages), parse.GetValue(paper), parse.GetValue(fonts), parse.GetValue(unsureBelow),
                    lineDefaults with
                    {
                        ShapeWeight = parse.GetValue(shapeWeight),
                        CutPenalty = parse.GetValue(cutPenalty),
                        NoiseCost = parse.GetValue(noiseCost),
                        CharacterBonus = parse.GetValue(characterBonus),
                        LeanWeight = parse.GetValue(leanWeight),
                        GrammarCost = parse.GetValue(grammarCost),
                        ImpliedProductCost = parse.GetValue(impliedProductCost),
                        SliceMinusWeight = parse.GetValue(sliceMinusWeight),
                        NumberGapCost = parse.GetValue(numberGapCost)
                    });
            if (parse.GetValue(paper) != Paper.Plain)
                throw new LeNetException("--paper: only lines and pages are written on ruled or squared paper: give --styles and --lines");
            if (parse.GetValue(styles) is { } characterSplit)
                return EvaluateStyles(context, parse.GetValue(model), characterSplit, parse.GetValue(fonts), parse.GetValue(unsureBelow), parse.GetValue(output));
            var modelPath = parse.GetValue(model);
            new Models.ComputeSettings(Models.ComputePath.Plain, parse.GetValue(threads)).ApplyToProcess();
            using var trained = SharedOptions.LoadModel(modelPath);
            modelPath ??= "bundled model";
            var info = DatasetInfo.FromName(parse.GetValue(dataset) ?? trained.Metadata.Dataset);
            var view = new EvaluationView(context.Console);
            using var split = new DatasetLoader(context.DataOptions(parse.GetValue(data)), view.Logger).Load(info);
            var evaluation = TestSetEvaluation.Run(trained, info, split.Test);
            var folder = parse.GetValue(output) ?? (parse.GetValue(model) is { } file ? Path.GetDirectoryName(Path.GetFullPath(file))! : ".");
            var pictures = EvaluationPictures.Save(folder, evaluation, trained.Metadata.Architecture);
            view.Write(modelPath, evaluation, pictures);
            return 0;
        });
        return command;
    }

    /// <summary>Per-class photo count for each font; pen writers write each class once.</summary>
    private const int PhotosPerFont = 12;

    private static int EvaluateStyles(CliContext context, string? modelPath, StyleSplit split, string[]? fontFolders, double unsureBelow, string? output)
    {
        using var recognizer = SharedOptions.LoadRecognizer(modelPath, unsureBelow, Inference.InferenceRuntime.Fast);
        var view = new StyleView(context.Console);
        var fonts = FontsOf(context, view, fontFolders, split);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var photos = HandwritingPhotos.Create(Writers.Hands(split, StyleWriters), fonts.Hands(split), recognizer.Metadata.ClassNames, PhotosPerFont, seed: (int)split + 1);
        var report = Analysis.StyleEvaluation.Evaluate(recognizer, photos);
        view.Write(modelPath ?? "bundled model", split, report, clock.Elapsed);
        if (output is not null)
        {
            var path = Path.Combine(output, "style-mistakes.png");
            var tiles = report.Mistakes.Select(m => Inference.GrayImage.FromBytes(28, 28, m.Prediction.NetworkInput)).ToList();
            var captions = report.Mistakes.Select(m => $"{m.Photo.Label}→{m.Prediction.Label} {m.Prediction.Probability:P0}").ToList();
            IO.AtomicFile.WriteBytes(path, TileGrid.Render([new TileSection("Most confident mistakes (true → read)", tiles, captions, Columns: 16, TileSize: 56)]));
            context.Console.MarkupLineInterpolated($"Wrote {path}");
        }
        return 0;
    }

    private static int EvaluateLines(CliContext context, string? modelPath, StyleSplit split, LineKind kind, int count, bool pages, Paper paper, string[]? fontFolders, double unsureBelow,
        Inference.LineOptions lineOptions)
    {
        if (count < 1)
            throw new LeNetException($"--count: must be at least 1 (got {count})");
        // One thread: the latency reported is a line on one core.
        using var recognizer = SharedOptions.LoadRecognizer(modelPath, unsureBelow, Inference.InferenceRuntime.Fast, threads: 1, lines: lineOptions,
            bundled: kind == LineKind.Arithmetic ? Models.BundledModel.Math : Models.BundledModel.Digits);
        var view = new StyleView(context.Console);
        var fonts = FontsOf(context, view, fontFolders, split);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (pages)
        {
            var written = PagePhotos.Create(LinePhotos.Alternating(Writers.Hands(split, StyleWriters), fonts.Hands(split)), kind, count, seed: (int)split + 1, paper: paper);
            view.Write(modelPath ?? "bundled model", split, kind, paper, Analysis.PageEvaluation.Evaluate(recognizer, written, kind == LineKind.Arithmetic), clock.Elapsed);
            return 0;
        }
        var photos = LinePhotos.Create(Writers.Hands(split, StyleWriters), fonts.Hands(split), kind, count, seed: (int)split + 1, paper: paper);
        clock.Restart();
        var report = Analysis.LineEvaluation.Evaluate(recognizer, photos, kind == LineKind.Arithmetic, warmUp: true);
        view.Write(modelPath ?? "bundled model", split, kind, paper, report, clock.Elapsed);
        return 0;
    }

    /// <summary>
    /// The handwriting fonts found in the font folders, with a warning naming the fonts of <paramref name="split"/> that
    /// are not: a report on fewer fonts measures something else (from outside the repository the npm fonts are not found,
    /// and lines of the validation styles read 96.4 % instead of 95.1 %).
    /// </summary>
    private static FontLibrary FontsOf(CliContext context, StyleView view, string[]? folders, StyleSplit split)
    {
        var fonts = FontLibrary.Scan(context.FontFolders(folders));
        if (fonts.Missing(split) is { Count: > 0 } missing)
            view.Logger.LogWarning("{Count} {Split} fonts are not installed: {Fonts}", missing.Count, split, string.Join(", ", missing.Select(f => f.Family)));
        return fonts;
    }

    /// <summary>Pen writers in a style report: each writes every class once.</summary>
    private const int StyleWriters = 200;
}
