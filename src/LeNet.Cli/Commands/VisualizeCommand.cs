using System.CommandLine;
using LeNet.Data;
using LeNet.Inference;
using LeNet.IO;
using LeNet.Reporting;
using Spectre.Console;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet visualize</c>: kernels, feature maps and saliency of a model, as PNG files.</summary>
internal static class VisualizeCommand
{
    public static Command Create(CliContext context)
    {
        var model = SharedOptions.Model();
        var image = new Option<string?>("--image") { Description = "An image to look at (photo or scan; default: the first digit of the test set)." };
        var output = new Option<string>("--out") { Description = "Folder for the PNG files.", DefaultValueFactory = _ => "visualize" };
        var data = SharedOptions.Data();
        var command = new Command("visualize", "Draw the conv kernels, the feature maps of every conv/pool layer for an image, and a saliency map.")
        {
            model, image, output, data,
        };
        command.SetAction(parse =>
        {
            using var trained = SharedOptions.LoadModel(parse.GetValue(model));
            using var recognizer = TorchEngine.Recognizer(trained, ownsModel: false);
            var folder = parse.GetValue(output)!;
            var (field, source) = parse.GetValue(image) is { } path
                ? (PrepareImage(path), path)
                : (FirstTestDigit(context, trained.Metadata.Dataset, parse.GetValue(data)), "the first test digit");
            var predicted = recognizer.PredictFields([field])[0];
            var target = trained.Metadata.ClassNames.ToList().IndexOf(predicted.Label);

            var files = new[]
            {
                (Path.Combine(folder, "kernels.png"), NetworkPictures.Kernels(trained)),
                (Path.Combine(folder, "feature-maps.png"), NetworkPictures.FeatureMaps(trained, field)),
                (Path.Combine(folder, "saliency.png"), NetworkPictures.Saliency(trained, field, target)),
            };
            foreach (var (file, png) in files)
                AtomicFile.WriteBytes(file, png);
            context.Console.MarkupLineInterpolated($"{source}: read as [bold]{predicted.Label}[/] ({predicted.Probability:P1})");
            foreach (var (file, _) in files)
                context.Console.MarkupLineInterpolated($"Wrote {file}");
            return 0;
        });
        return command;
    }

    private static GrayImage PrepareImage(string path) =>
        MnistFormatter.Prepare(ImageDecoder.DecodeFile(path)).Field ?? throw new LeNetException($"{path}: no ink found in the image");

    internal static GrayImage FirstTestDigit(CliContext context, string dataset, string? dataFlag)
    {
        using var split = new DatasetLoader(context.DataOptions(dataFlag)).Load(DatasetInfo.FromName(dataset));
        return GrayImage.FromBytes(split.Test.Width, split.Test.Height, split.Test.Images[0].data<byte>().ToArray());
    }
}
