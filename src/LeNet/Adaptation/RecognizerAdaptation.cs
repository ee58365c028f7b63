using LeNet.Inference;
using LeNet.Models;
using LeNet.Native;

namespace LeNet.Adaptation;

/// <summary><c>recognizer.Adapt(examples)</c>: a recognizer tuned to a writer's examples, the original left as it was.</summary>
public static class RecognizerAdaptation
{
    /// <summary>
    /// A new recognizer whose model is <paramref name="recognizer"/>'s fine-tuned on <paramref name="examples"/>
    /// (images of any size, each labelled with one of the model's classes), rehearsing <paramref name="rehearsal"/>
    /// (default: characters written by the generator's training pen writers, so no dataset file is needed). The new
    /// recognizer reads in C# with the same options; <see cref="DigitRecognizer.Content"/> holds its model file
    /// (save it with <see cref="IO.SectionFile"/> or adapt it again). Loads libtorch for the tuning.
    /// </summary>
    /// <exception cref="LeNetException">
    /// The recognizer was not loaded from a model file, an example has no ink or a class the model does not read.
    /// </exception>
    public static DigitRecognizer Adapt(this DigitRecognizer recognizer, IEnumerable<(GrayImage Image, string Label)> examples,
        AdaptOptions? options = null, Rehearsal? rehearsal = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var content = recognizer.Content
            ?? throw new LeNetException("this recognizer runs a network given to it directly; load it from a model file (DigitRecognizer.Load, LoadBundled) to adapt it");
        var prepared = Examples.FromImages(examples);
        var tuned = AdaptToBytes(content, prepared, "examples", options, rehearsal, progress, cancellationToken);
        return DigitRecognizer.FromContent(ModelFileContent.Parse(tuned, "adapted model"), "adapted model", recognizer.Options);
    }

    /// <summary>
    /// The model file bytes of <paramref name="content"/> fine-tuned on <paramref name="examples"/> (what a server
    /// keeps per profile); <paramref name="on"/> names the examples in the file's record.
    /// </summary>
    public static byte[] AdaptToBytes(ModelFileContent content, Examples examples, string on, AdaptOptions? options = null, Rehearsal? rehearsal = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        TorchRuntime.EnsureLoaded();
        rehearsal ??= Rehearsal.Generated(content.Metadata.ClassNames, seed: options?.Seed ?? 1, threads: options?.Threads ?? 0);
        var from = content.Metadata.Adapted?.From ?? $"{content.Metadata.Architecture} model of {content.Metadata.CreatedUtc:yyyy-MM-dd HH:mm} UTC";
        var result = FineTuner.Adapt(ModelFile.FromContent(content, "model"), examples, rehearsal, from, on, options, progress, cancellationToken);
        using var model = result.Model;
        return ModelFile.ToBytes(model.Network, model.Metadata);
    }
}
