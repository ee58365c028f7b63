using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>Evaluates a model on a labelled set in eval mode without gradients, summing the loss and dividing once.</summary>
public static class Evaluator
{
    /// <summary>Batch size for evaluation: large batches amortise per-call overhead; memory is no concern at 28×28.</summary>
    public const int DefaultBatchSize = 1000;

    /// <summary>Raw scores <c>[N × classes]</c> (row-major) of <paramref name="model"/> on <paramref name="inputs"/>.</summary>
    public static float[] Logits(nn.Module<Tensor, Tensor> model, Tensor inputs, int batchSize = DefaultBatchSize)
    {
        var count = (int)inputs.shape[0];
        var wasTraining = model.training;
        model.eval();
        var logits = new List<float>();
        using (no_grad())
        {
            for (var start = 0; start < count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                logits.AddRange(model.call(inputs.narrow(0, start, Math.Min(batchSize, count - start))).data<float>());
            }
        }
        model.train(wasTraining);
        return [.. logits];
    }

    /// <summary>
    /// Evaluates <paramref name="model"/> on normalised <paramref name="inputs"/> and int64 <paramref name="labels"/>.
    /// With <paramref name="classes"/> fewer than the outputs, the extra (reject) output is never the prediction.
    /// </summary>
    public static EvaluationResult Evaluate(nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor labels,
        Func<Tensor, Tensor, Tensor> loss, int batchSize = DefaultBatchSize, int? classes = null)
    {
        var count = (int)inputs.shape[0];
        var predictions = new int[count];
        var confidences = new float[count];
        var lossSum = 0.0;
        var wasTraining = model.training;
        model.eval();
        using (no_grad())
        {
            for (var start = 0; start < count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var length = Math.Min(batchSize, count - start);
                var batchLabels = labels.narrow(0, start, length);
                var scores = model.call(inputs.narrow(0, start, length));
                lossSum += loss(scores, batchLabels).item<float>() * length;
                var probabilities = scores.softmax(1);
                var (confidence, predicted) = (classes is { } k ? probabilities.narrow(1, 0, k) : probabilities).max(1);
                predicted.to(ScalarType.Int32).data<int>().CopyTo(predictions, start);
                confidence.data<float>().CopyTo(confidences, start);
            }
        }
        model.train(wasTraining);
        int[] truth;
        using (var labels32 = labels.to(ScalarType.Int32))
            truth = labels32.data<int>().ToArray();
        var correct = truth.Where((label, i) => predictions[i] == label).Count();
        return new EvaluationResult(count == 0 ? 0 : lossSum / count, count == 0 ? 0 : (double)correct / count, truth, predictions, confidences);
    }
}
