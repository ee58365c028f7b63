using System.CommandLine;
using LeNet.Export;
using Spectre.Console;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet export</c>: a model as ONNX, to run on ONNX Runtime or any other ONNX engine.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var model = SharedOptions.Model();
        var format = new Option<string>("--format") { Description = "Export format: onnx.", DefaultValueFactory = _ => "onnx" };
        var output = new Option<string>("--out") { Description = "File to write.", DefaultValueFactory = _ => "model.onnx" };
        var command = new Command("export", "Export a model to ONNX (opset 13, dynamic batch dimension).")
        {
            model, format, output,
        };
        command.SetAction(parse =>
        {
            if (!string.Equals(parse.GetValue(format), "onnx", StringComparison.OrdinalIgnoreCase))
                throw new LeNetException($"--format: '{parse.GetValue(format)}' is not supported; the only format is onnx");
            using var trained = SharedOptions.LoadModel(parse.GetValue(model));
            var export = OnnxExporter.Export(trained, parse.GetValue(output)!);
            context.Console.MarkupLineInterpolated($"Wrote {export.Path}: ONNX opset {export.Opset}, input '{export.InputName}' float32 [[batch, 1, 28, 28]] (normalised pixels), output '{export.OutputName}' float32 [[batch, {trained.Metadata.ClassNames.Count}]] scores");
            context.Console.MarkupLineInterpolated($"Operators: {string.Join(" → ", export.Operators)}");
            return 0;
        });
        return command;
    }
}
