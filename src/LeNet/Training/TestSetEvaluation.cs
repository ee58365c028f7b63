using LeNet.Data;
using LeNet.Models;
using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>Everything <c>lenet evaluate</c> and the run report show about a model on a test set.</summary>
/// <param name="Images">The test images as bytes <c>[N × H × W]</c>, for pictures of mistakes.</param>
public sealed record TestSetEvaluation(
    DatasetInfo Dataset,
    EvaluationResult Result,
    ClassificationReport Report,
    Calibration Uncalibrated,
    Calibration Calibrated,
    byte[] Images,
    int Height,
    int Width)
{
    /// <summary>Evaluates <paramref name="model"/> on <paramref name="test"/>.</summary>
    public static TestSetEvaluation Run(TrainedModel model, DatasetInfo dataset, ImageDataset test)
    {
        using var tensors = LabelledTensors.From(test, model.Metadata.Normalization, CPU);
        var criterion = Architecture.All.FirstOrDefault(a => a.Name == model.Metadata.Architecture)?.Criterion ?? LossFunction.CrossEntropy;
        var result = Evaluator.Evaluate(model.Network, tensors.Inputs, tensors.Labels, criterion, classes: dataset.ClassNames.Count);
        var logits = Evaluator.Logits(model.Network, tensors.Inputs);
        var classes = model.Metadata.Outputs;
        return new TestSetEvaluation(dataset, result, ClassificationReport.From(result, dataset.ClassNames),
            Calibration.Measure(logits, result.Labels, classes, temperature: 1),
            Calibration.Measure(logits, result.Labels, classes, model.Metadata.Temperature),
            test.Images.data<byte>().ToArray(), test.Height, test.Width);
    }
}
