using System.CommandLine;
using LeNet.Adaptation;
using LeNet.Analysis;
using LeNet.Data;
using LeNet.Models;
using LeNet.Native;
using LeNet.Synthesis;
using LeNet.Training;
using Spectre.Console;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet finetune</c>: a trained model adapted to a writer's examples (a folder of images, a sub-folder per class),
/// with before → after accuracy on the writer's held-out examples and on MNIST; or, with <c>--benchmark</c>, the same
/// measured on generated writers the model never saw.
/// </summary>
internal static class FinetuneCommand
{
    public static Command Create(CliContext context)
    {
        var from = new Option<string>("--from") { Description = "The model to adapt: a .lenet file, 'bundled' (the digit reader) or 'bundled-math'.", DefaultValueFactory = _ => "bundled" };
        var images = new Option<string?>("--images") { Description = "Folder of the writer's examples: one sub-folder per class (0 … 9, or the model's symbols), any image format predict reads." };
        var output = new Option<string>("--out") { Description = "The adapted model file (written atomically).", DefaultValueFactory = _ => "finetuned.lenet" };
        var steps = new Option<int>("--steps") { Description = "Optimizer steps per network.", DefaultValueFactory = _ => new AdaptOptions().Steps };
        var lr = new Option<double>("--lr") { Description = "Adam's learning rate.", DefaultValueFactory = _ => new AdaptOptions().LearningRate };
        var freeze = new Option<bool>("--freeze-convolutions") { Description = "Tune only the fully connected layers." };
        var seed = new Option<long>("--seed") { Description = "Seeds the held-out choice, batches and distortions.", DefaultValueFactory = _ => 1 };
        var holdOut = new Option<int>("--hold-out") { Description = "Hold back one example in N of each class to choose the best step (0: none).", DefaultValueFactory = _ => new AdaptOptions().HoldOutOneIn };
        var batch = new Option<int>("--examples-per-batch") { Description = "Your examples in each batch (the rest is rehearsal).", DefaultValueFactory = _ => new AdaptOptions().ExamplesPerBatch };
        var split = new Option<StyleSplit>("--styles") { Description = "With --benchmark: the generated writers adapted to: test (never used in training or tuning; default) or validation (for choosing settings).", DefaultValueFactory = _ => StyleSplit.Test };
        var benchmark = new Option<bool>("--benchmark") { Description = "Instead of a folder: adapt to held-out generated writers and fonts one by one (5 photos per digit, --examples) and measure each on its other photos and on MNIST." };
        var writers = new Option<int>("--writers") { Description = "With --benchmark: how many held-out pen writers (all held-out fonts are measured too).", DefaultValueFactory = _ => 10 };
        var examples = new Option<int>("--examples") { Description = "With --benchmark: photos per digit each writer adapts from.", DefaultValueFactory = _ => AdaptationBenchmark.ExamplesPerClass };
        var measured = new Option<int>("--measured") { Description = "With --benchmark: other photos per digit read before and after, per writer.", DefaultValueFactory = _ => AdaptationBenchmark.MeasuredPerClass };
        var threads = SharedOptions.Threads();
        var data = SharedOptions.Data();
        var fonts = SharedOptions.Fonts();
        var command = new Command("finetune", "Adapt a trained model to your handwriting from a few examples per class, without forgetting what it knew.")
        {
            from, images, output, steps, lr, freeze, holdOut, batch, seed, threads, data, benchmark, writers, examples, measured, split, fonts,
        };
        command.SetAction(parse =>
        {
            TorchRuntime.EnsureLoaded();
            var options = new AdaptOptions
            {
                Steps = parse.GetValue(steps),
                LearningRate = parse.GetValue(lr),
                FreezeConvolutions = parse.GetValue(freeze),
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
                HoldOutOneIn = parse.GetValue(holdOut),
                ExamplesPerBatch = parse.GetValue(batch),
            }.Validate();
            var source = parse.GetValue(from)!;
            var loader = new DatasetLoader(context.DataOptions(parse.GetValue(data), parse.GetValue(fonts)));
            if (parse.GetValue(benchmark))
                return Benchmark(context, source, loader, parse.GetValue(split), parse.GetValue(writers), parse.GetValue(examples), parse.GetValue(measured), options);
            var folder = parse.GetValue(images) ?? throw new LeNetException("--images: give the folder of your examples (a sub-folder per class), or --benchmark");
            return Adapt(context, source, folder, parse.GetValue(output)!, loader, options);
        });
        return command;
    }

    private static TrainedModel Load(string from) => from.ToLowerInvariant() switch
    {
        "bundled" => ModelFile.LoadBundled(),
        "bundled-math" => ModelFile.LoadBundled(BundledModel.Math),
        _ => ModelFile.Load(from),
    };

    private static string Describe(string from) => from.ToLowerInvariant() switch
    {
        "bundled" => ModelFileContent.Name(BundledModel.Digits),
        "bundled-math" => ModelFileContent.Name(BundledModel.Math),
        _ => from,
    };

    private static int Adapt(CliContext context, string from, string folder, string output, DatasetLoader loader, AdaptOptions options)
    {
        var console = context.Console;
        var examples = ImageFolder.Read(folder, threads: options.Threads, minimumClasses: 1);
        foreach (var skipped in examples.Skipped)
            console.MarkupLineInterpolated($"[yellow]skipped[/] {skipped.Path}: {skipped.Problem}");
        using var original = Load(from);
        var (rehearsal, mnistTest) = RehearsalFor(console, original.Metadata, loader);
        using var test = mnistTest;
        var mnistBefore = test is null ? (double?)null : Accuracy(original, test);
        console.MarkupLineInterpolated($"Adapting {Describe(from)} to {examples.Count} examples in {folder} ({string.Join(", ", examples.ClassNames.Zip(examples.PerClass(), (c, n) => $"{c}: {n}"))}), rehearsing {rehearsal.Name} …");
        var result = FineTuner.Adapt(original, Examples.From(examples), rehearsal, Describe(from), Path.GetFullPath(folder), options);
        using var tuned = result.Model;
        var mnistAfter = test is null ? (double?)null : Accuracy(tuned, test);
        ModelFile.Save(output, tuned.Network, tuned.Metadata with { TestAccuracy = mnistAfter });
        var table = new Table().Border(TableBorder.Rounded).AddColumn("accuracy").AddColumn(new TableColumn("before").RightAligned()).AddColumn(new TableColumn("after").RightAligned());
        table.AddRow($"your held-out examples ({result.HeldOut})", Percent(result.AccuracyBefore), Percent(result.AccuracyAfter));
        table.AddRow("MNIST test (10,000)", Percent(mnistBefore), Percent(mnistAfter));
        console.Write(table);
        if (result.HeldOut == 0)
            console.MarkupLineInterpolated($"No example was held out ({options.WhyNoneHeldOut}): the last step was kept, and nothing measured it.");
        console.MarkupLineInterpolated($"Wrote {output} ({result.Trained} examples trained, {options.Steps} steps per network, {result.Seconds:F1} s). Read with it: lenet predict --model {output} IMAGE");
        return 0;
    }

    /// <summary>MNIST's training digits to rehearse and its test set to measure on, for a model that reads digits; else generated digits.</summary>
    private static (Rehearsal Rehearsal, LabelledTensors? MnistTest) RehearsalFor(IAnsiConsole console, ModelMetadata metadata, DatasetLoader loader)
    {
        if (metadata.ClassNames.Count(Inference.Symbols.IsDigit) == 10)
        {
            try
            {
                using var mnist = loader.Load(DatasetInfo.Mnist);
                return (Rehearsal.From(mnist.Train, "MNIST"), LabelledTensors.From(mnist.Test, metadata.Normalization, TorchSharp.torch.CPU));
            }
            catch (LeNetException e)
            {
                console.MarkupLineInterpolated($"[yellow]MNIST is not at hand ({e.Message.Split('\n')[0]}): rehearsing generated digits instead[/]");
            }
        }
        return (Rehearsal.Generated(metadata.ClassNames), null);
    }

    private static double Accuracy(TrainedModel model, LabelledTensors test) =>
        Evaluator.Evaluate(model.Network, test.Inputs, test.Labels, (s, l) => TorchSharp.torch.nn.functional.cross_entropy(s, l), classes: model.Metadata.ClassNames.Count).Accuracy;

    private static string Percent(double? value) => value is { } v ? $"{v:P1}" : "—";

    private static int Benchmark(CliContext context, string from, DatasetLoader loader, StyleSplit split, int writerCount, int examplesPerClass, int measuredPerClass, AdaptOptions options)
    {
        if (examplesPerClass < 1)
            throw new LeNetException($"--examples: must be at least 1 photo per digit (got {examplesPerClass})");
        if (measuredPerClass < 1)
            throw new LeNetException($"--measured: must be at least 1 photo per digit (got {measuredPerClass})");
        var console = context.Console;
        using var probe = Load(from);
        var (rehearsal, mnistTest) = RehearsalFor(console, probe.Metadata, loader);
        using var test = mnistTest ?? throw new LeNetException("--benchmark measures MNIST accuracy too: give --data (or set LENET_DATA) to the MNIST files");
        var hands = (IReadOnlyList<IHand>)[.. Writers.Hands(split, writerCount), .. loader.Fonts(split).Hands(split)];
        var table = new Table().Border(TableBorder.Rounded).AddColumn("held-out writer").AddColumn(new TableColumn("before").RightAligned())
            .AddColumn(new TableColumn("after").RightAligned()).AddColumn(new TableColumn("MNIST before → after").RightAligned()).AddColumn(new TableColumn("seconds").RightAligned());
        var report = AdaptationBenchmark.Run(() => Load(from), Describe(from), hands, rehearsal, test, examplesPerClass, measuredPerClass, options,
            measured: w => console.MarkupLineInterpolated($"{w.Writer}: {w.Before:P1} → {w.After:P1}, MNIST {w.MnistBefore:P2} → {w.MnistAfter:P2}, {w.Seconds:F1} s{(w.Misread.Length > 0 ? $"; still misread: {w.Misread}" : "")}"));
        foreach (var w in report.Writers)
            table.AddRow(Markup.Escape(w.Writer), $"{w.Before:P1}", $"{w.After:P1}", $"{w.MnistBefore:P2} → {w.MnistAfter:P2}", $"{w.Seconds:F1}");
        table.AddRow("[bold]mean[/]", $"[bold]{report.Before:P2}[/]", $"[bold]{report.After:P2}[/]", $"worst drop {report.WorstMnistDrop:F2} points", $"max {report.WorstSeconds:F1}");
        console.Write(table);
        console.MarkupLineInterpolated($"{report.ExamplesPerClass} photos per digit adapted to ({options.DescribeHoldOut(report.ExamplesPerClass)}), {report.TestPerClass} other photos per digit measured, per writer; {Environment.ProcessorCount} cores.");
        return 0;
    }
}
