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
            var evaluation = TestSetEvaluation.Run(trained, info, split.Test);
            var folder = parse.GetValue(output) ?? Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
            var pictures = EvaluationPictures.Save(folder, evaluation, trained.Metadata.Architecture);
            view.Write(modelPath, evaluation, pictures);
            return 0;
        });
        return command;
    }
}
