using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>One epoch of training, in the canonical order: train mode → zero_grad → forward → loss → backward → step.</summary>
/// <param name="classes">The classes (a reject output beyond them is never counted as a prediction).</param>
public sealed class Trainer(nn.Module<Tensor, Tensor> model, OptimizerHelper optimizer, optim.lr_scheduler.LRScheduler? scheduler,
    Func<Tensor, Tensor, Tensor> loss, int classes)
{
    /// <summary>
    /// Trains on <paramref name="batches"/>, continuing <paramref name="tally"/>. Stops early, at a batch boundary,
    /// when <paramref name="cancellationToken"/> fires; the returned tally then says how far it got.
    /// </summary>
    /// <exception cref="TrainingDivergedException">A batch's loss is NaN or infinite.</exception>
    public EpochTally TrainEpoch(IEnumerable<(Tensor Inputs, Tensor Labels)> batches, EpochTally tally,
        Action<EpochTally>? batchCompleted = null, CancellationToken cancellationToken = default)
    {
        model.train();
        using var batch = batches.GetEnumerator();
        while (true)
        {
            // The scope opens before the batch is made, so the batch and everything made from it go with it.
            using var scope = NewDisposeScope();
            if (!batch.MoveNext())
                break;
            var (inputs, labels) = batch.Current;
            var (value, correct, labelled) = Fused is { } fused ? fused.Step(inputs, labels) : AutogradStep(inputs, labels);
            scheduler?.step();
            if (!float.IsFinite(value))
                throw new TrainingDivergedException(tally.Batches + 1, value);
            tally = tally.Add(value, correct, labelled);
            batchCompleted?.Invoke(tally);
            if (cancellationToken.IsCancellationRequested)
                break;
        }
        return tally;
    }

    /// <summary>
    /// The paper network's SDLM step done by its fused kernels, when the run's setup found that it applies; null: every
    /// step goes through TorchSharp's autograd.
    /// </summary>
    internal FusedPaperStep? Fused { get; init; }

    /// <summary>zero_grad → forward → loss → backward → step; the batch's loss, examples read right and labelled examples.</summary>
    private (float Loss, long Correct, long Labelled) AutogradStep(Tensor inputs, Tensor labels)
    {
        optimizer.zero_grad();
        var scores = model.call(inputs);
        var batchLoss = loss(scores, labels);
        batchLoss.backward();
        optimizer.step();
        var correct = scores.narrow(1, 0, classes).argmax(1).eq(labels).sum().item<long>();
        // Outliers (label −1, or the reject output's index) count for neither.
        using var classCount = classes.ToScalar();
        var labelled = labels.ge(Scalars.Zero).logical_and(labels.lt(classCount)).sum().item<long>();
        return (batchLoss.item<float>(), correct, labelled);
    }
}
