using System.CommandLine;
using LeNet.Cli.Rendering;
using LeNet.Data;
using LeNet.Models;
using LeNet.Native;
using LeNet.Reporting;
using LeNet.Training;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet evaluate</c>: test loss and accuracy, per-class metrics, confusion matrix and worst mistakes.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "Model file (.lenet) to evaluate.", Required = true };
        var dataset = new Option<string?>("--dataset") { Description = "Dataset to test on (default: the one the model was trained on)." };
        var output = new Option<string?>("--out") { Description = "Folder for confusion.png and misclassified.png (default: the model's folder)." };
        var threads = SharedOptions.Threads();
        var data = SharedOptions.Data();
        var command = new Command("evaluate", "Evaluate a model on a test set: accuracy, per-class precision/recall/F1, confusion matrix, worst mistakes.")
        {
            model, dataset, output, threads, data,
        };
        command.SetAction(parse =>
        {
            var modelPath = parse.GetValue(model)!;
            TorchRuntime.ConfigureThreads(parse.GetValue(threads));
            using var trained = ModelFile.Load(modelPath);
            var info = DatasetInfo.FromName(parse.GetValue(dataset) ?? trained.Metadata.Dataset);
            var view = new EvaluationView(context.Console);
            using var split = new DatasetLoader(context.DataOptions(parse.GetValue(data)), view.Logger).Load(info);
            using var test = LabelledTensors.From(split.Test, trained.Metadata.Normalization, TorchSharp.torch.CPU);
            var result = Evaluator.Evaluate(trained.Network, test.Inputs, test.Labels, LossFunction.CrossEntropy);
            var report = ClassificationReport.From(result, info.ClassNames);
            var logits = Evaluator.Logits(trained.Network, test.Inputs);
            var raw = Calibration.Measure(logits, result.Labels, info.ClassNames.Count, temperature: 1);
            var calibrated = Calibration.Measure(logits, result.Labels, info.ClassNames.Count, trained.Metadata.Temperature);

            var folder = parse.GetValue(output) ?? Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
            var confusionPath = Path.Combine(folder, "confusion.png");
            var mistakesPath = Path.Combine(folder, "misclassified.png");
            var reliabilityPath = Path.Combine(folder, "reliability.png");
            ReliabilityDiagram.Save(reliabilityPath, raw, calibrated);
            ConfusionMatrixPlot.Save(confusionPath, report, $"{trained.Metadata.Architecture} on {info.DisplayName} test set");
            MistakesGrid.Save(mistakesPath, result, split.Test.Images.data<byte>().ToArray(), split.Test.Height, split.Test.Width, info.ClassNames);
            view.Write(modelPath, info, result, report, confusionPath, mistakesPath);
            view.WriteCalibration(raw, calibrated, reliabilityPath);
            return 0;
        });
        return command;
    }
}
