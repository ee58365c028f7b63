using LeNet.Adaptation;
using LeNet.Inference;
using LeNet.Models;
using LeNet.Synthesis;
using LeNet.Training;
using static TorchSharp.torch;

namespace LeNet.Analysis;

/// <summary>One writer before and after adapting to a few of his digits.</summary>
/// <param name="Writer">A held-out pen writer or font (the bundled model never trained on these styles).</param>
/// <param name="Before">Accuracy on the writer's other digits (photos, read end to end) before adapting.</param>
/// <param name="MnistBefore">MNIST test accuracy before adapting.</param>
/// <param name="Misread">What the adapted model still misreads, as <c>truth→read</c> counts.</param>
public sealed record WriterAdaptation(string Writer, double Before, double After, double MnistBefore, double MnistAfter, double Seconds, string Misread);

/// <summary>What adaptation did, writer by writer, and on average.</summary>
public sealed record AdaptationReport(int ExamplesPerClass, int TestPerClass, IReadOnlyList<WriterAdaptation> Writers)
{
    /// <summary>Mean accuracy on the writers' other digits before adapting.</summary>
    public double Before => Writers.Average(w => w.Before);

    /// <summary>The same after.</summary>
    public double After => Writers.Average(w => w.After);

    /// <summary>Largest fall of MNIST test accuracy, in points.</summary>
    public double WorstMnistDrop => Writers.Max(w => (w.MnistBefore - w.MnistAfter) * 100);

    /// <summary>Slowest adaptation.</summary>
    public double WorstSeconds => Writers.Max(w => w.Seconds);
}

/// <summary>
/// Measures "teach it your handwriting" on writers the model never saw: for each held-out pen writer and font, a few
/// photos of each digit are the examples, and the same writer's other photos are read before and after — decoded,
/// preprocessed and read by the C# engine exactly as <c>predict</c> reads them.
/// </summary>
public static class AdaptationBenchmark
{
    /// <summary>Photos of each digit measured per writer by default: 500 in all, so one misreading is 0.2 points.</summary>
    public const int MeasuredPerClass = 50;

    /// <summary>Photos of each digit a writer adapts from by default: the "5 examples per digit" of the goal.</summary>
    public const int ExamplesPerClass = 5;

    /// <summary>Adapts a fresh copy of the model to each of <paramref name="hands"/> and measures.</summary>
    /// <param name="load">Loads a fresh copy of the model to adapt.</param>
    /// <param name="mnistTest">MNIST's test images and labels, normalised as the model expects.</param>
    public static AdaptationReport Run(Func<TrainedModel> load, string from, IReadOnlyList<IHand> hands, Rehearsal rehearsal, LabelledTensors mnistTest,
        int examplesPerClass = ExamplesPerClass, int testPerClass = MeasuredPerClass, AdaptOptions? options = null, Action<WriterAdaptation>? measured = null)
    {
        var rows = new List<WriterAdaptation>();
        foreach (var hand in hands)
        {
            using var original = load();
            var classes = original.Metadata.ClassNames.Where(c => Symbols.IsDigit(c) && hand.CanWrite(c)).ToList();
            var examplePhotos = Photos(hand, classes, examplesPerClass, StableHash.Of("adapt/" + hand.Name, 1));
            var examples = Examples.FromImages(examplePhotos.Select(p => (ImageDecoder.Decode(p.Photo, hand.Name), p.Label)), skipBlank: true);
            var tests = Photos(hand, classes, testPerClass, StableHash.Of("adapt/measured/" + hand.Name, 1));
            var (before, _) = Read(original, tests);
            var mnistBefore = MnistAccuracy(original, mnistTest);
            var result = FineTuner.Adapt(original, examples, rehearsal, from, hand.Name, options);
            using var tuned = result.Model;
            var (after, misread) = Read(tuned, tests);
            var row = new WriterAdaptation(hand.Name, before, after, mnistBefore, MnistAccuracy(tuned, mnistTest), result.Seconds, misread);
            measured?.Invoke(row);
            rows.Add(row);
        }
        return new AdaptationReport(examplesPerClass, testPerClass, rows);
    }

    /// <summary>
    /// <paramref name="perClass"/> photos of each class in <paramref name="hand"/>. The examples and the photos measured
    /// come from streams of their own, so measuring more photos leaves the examples as they were.
    /// </summary>
    private static List<CharacterPhoto> Photos(IHand hand, IReadOnlyList<string> classes, int perClass, int seed)
    {
        var random = new Random(seed);
        var photos = new List<CharacterPhoto>();
        foreach (var label in classes)
        {
            for (var i = 0; i < perClass; i++)
            {
                var height = Math.Exp(Noise.Between(random, Math.Log(26), Math.Log(110)));
                var glyph = hand.Write(label, height, random);
                photos.Add(new CharacterPhoto(PaperPhoto.Take(glyph.Ink, random), label, hand.Name, glyph.Variant));
            }
        }
        return photos;
    }

    /// <summary>Top-1 over <paramref name="photos"/>, read by the C# engine from the model's file bytes, and the misreadings.</summary>
    private static (double Accuracy, string Misread) Read(TrainedModel model, IReadOnlyList<CharacterPhoto> photos)
    {
        var bytes = ModelFile.ToBytes(model.Network, model.Metadata);
        using var recognizer = DigitRecognizer.FromContent(ModelFileContent.Parse(bytes, "adapted model"), "adapted model");
        var wrong = photos.Select(p => (p.Label, Read: recognizer.Predict(p.Photo, p.Hand).Label)).Where(r => r.Label != r.Read).ToList();
        var misread = string.Join(" ", wrong.GroupBy(w => $"{w.Label}→{w.Read}").OrderByDescending(g => g.Count()).Select(g => $"{g.Key}×{g.Count()}"));
        return (1 - wrong.Count / (double)photos.Count, misread);
    }

    private static double MnistAccuracy(TrainedModel model, LabelledTensors test)
    {
        using var scope = NewDisposeScope();
        var result = Evaluator.Evaluate(model.Network, test.Inputs, test.Labels, (scores, labels) => nn.functional.cross_entropy(scores, labels), classes: model.Metadata.ClassNames.Count);
        return result.Accuracy;
    }
}
