using System.CommandLine;

namespace LeNet.Cli.Commands;

/// <summary>Options several commands share, defined once so they read the same everywhere.</summary>
internal static class SharedOptions
{
    public static Option<string?> Data() => new("--data")
    {
        Description = "Folder holding the dataset's IDX files (raw or .gz), directly or in a sub-folder named after the dataset. Default: $LENET_DATA, else the per-user cache (filled from the mirrors, npm or Debian's package).",
    };

    public static Option<string[]> Fonts() => new("--fonts")
    {
        Description = $"Folders holding the handwriting fonts the generator writes with (repeatable). Default: ${CliContext.FontsVariable}, /usr/share/fonts and ./fonts/node_modules (filled by ./test).",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<int> Threads() => new("--threads")
    {
        Description = "libtorch threads (0 = one per core).",
        DefaultValueFactory = _ => 0,
    };

    public static Option<string?> Model(string? description = null) => new("--model")
    {
        Description = description ?? "Model file (.lenet). Default: the bundled LeNet-5 digit reader.",
    };

    public static Option<Synthesis.Paper> Paper() => new("--paper")
    {
        Description = "With lines or pages: the paper they are written on: plain, ruled (an exercise book's printed rules, lighter than the ink, most writers standing their lines on them) or squared (rules across and down, the squares about a character high).",
        DefaultValueFactory = _ => Synthesis.Paper.Plain,
    };

    public static Option<double> UnsureBelow() => new("--unsure-below")
    {
        Description = "Report 'unsure' when the calibrated probability is below this.",
        DefaultValueFactory = _ => Inference.RecognizerOptions.Default.UnsureBelow,
    };

    public static Option<Inference.InferenceRuntime> Runtime(Inference.InferenceRuntime defaultRuntime = Inference.InferenceRuntime.Fast) => new("--runtime")
    {
        Description = "Engine running the network: fast (LeNet-5 in C#, no native runtime; other networks on TorchSharp; default), torch (one TorchSharp operation per layer) or onnx (ONNX Runtime; also runs .onnx files from lenet export).",
        DefaultValueFactory = _ => defaultRuntime,
    };

    public static Inference.DigitRecognizer LoadRecognizer(string? model, double unsureBelow, Inference.InferenceRuntime runtime, int threads = 0,
        Models.BundledModel bundled = Models.BundledModel.Digits, Inference.LineOptions? lines = null)
    {
        if (unsureBelow is < 0 or > 1 || double.IsNaN(unsureBelow))
            throw new LeNetException($"--unsure-below: must be between 0 and 1 (got {unsureBelow})");
        var options = Inference.RecognizerOptions.Default with { UnsureBelow = unsureBelow, Threads = threads, Lines = lines };
        return Inference.Engines.Load(model, runtime, options, bundled);
    }

    /// <summary>The model a command analyses: --model, else the bundled one.</summary>
    public static Models.TrainedModel LoadModel(string? path)
    {
        Native.TorchRuntime.EnsureLoaded();
        return path is null ? Models.ModelFile.LoadBundled() : Models.ModelFile.Load(path);
    }

    public static Option<string> Architecture() => new("--arch")
    {
        Description = $"Network: {string.Join(", ", Models.Architecture.All.Select(a => a.Name))}.",
        DefaultValueFactory = _ => Models.Architecture.Default.Name,
    };
}
