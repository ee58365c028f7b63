using System.Diagnostics;
using LeNet.Data;
using LeNet.Models;
using LeNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LeNet.Adaptation;

/// <summary>
/// Adapts a trained model to a writer's few examples without forgetting: every batch mixes the writer's examples
/// (distorted as in training) with rehearsed original data — and, for a model with a reject output, non-characters —
/// at a tenth of the usual learning rate; the best step is chosen on examples held back from the writer's own.
/// Rehearsed examples are taught the network's own answers from before tuning (distillation, as in Li and Hoiem's
/// "Learning without Forgetting", 2016), which kept MNIST better than their labels did. An ensemble tunes each member.
/// </summary>
public static class FineTuner
{
    /// <summary>Non-characters rehearsed by a model with a reject output, so it still refuses junk.</summary>
    private const int OutlierCount = 2_000;

    /// <summary>
    /// Tunes <paramref name="model"/>'s networks in place on <paramref name="examples"/> and returns them with
    /// metadata recording the adaptation: the result owns the networks (dispose it, not <paramref name="model"/>).
    /// </summary>
    /// <param name="from">What the model is, for the record (a path, <c>bundled digits model</c>).</param>
    /// <param name="on">Where the examples came from, for the record.</param>
    /// <exception cref="LeNetException">No examples, too many, a class the model does not read, or a diverging loss.</exception>
    public static AdaptationResult Adapt(TrainedModel model, Examples examples, Rehearsal? rehearsal, string from, string on,
        AdaptOptions? options = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        options = (options ?? new AdaptOptions()).Validate();
        var clock = Stopwatch.StartNew();
        var classes = model.Metadata.ClassNames;
        var labels = ClassIndices(examples, classes);
        var (trained, heldOut) = HoldOut(labels, classes.Count, options);
        using var scope = NewDisposeScope();
        var normalization = model.Metadata.Normalization;
        var user = Inputs(examples.Pixels, labels, trained, normalization);
        var held = Inputs(examples.Pixels, labels, heldOut, normalization);
        var rehearsed = rehearsal is null ? null : Rehearsed(rehearsal.Examples, classes, normalization);
        var outliers = model.Metadata.RejectOutput ? Outliers(classes, normalization, options.Seed) : null;

        new ComputeSettings(ComputePath.Fast, options.Threads).Apply(model.Network);
        var before = Accuracy(model.Network, held, classes.Count);
        var (members, temperatures) = model.Network is EnsembleNetwork ensemble
            ? (ensemble.Members, ensemble.Temperatures)
            : ([model.Network], [model.Metadata.Temperature]);
        for (var m = 0; m < members.Count; m++)
        {
            var recalled = rehearsed is null ? ((Tensor, Tensor)?)null : (rehearsed.Inputs, Answers(members[m], rehearsed.Inputs));
            var batches = new TuningBatches(user, recalled, outliers, classes.Count, options, normalization.Background, m);
            TuneMember(members[m], temperatures[m], batches, held, options,
                step => progress?.Report((m + step / (double)options.Steps) / members.Count), cancellationToken);
        }
        model.Network.eval();
        var after = Accuracy(model.Network, held, classes.Count);
        var record = new AdaptationRecord(from, on, examples.PerClass(classes), before, after, options.Steps, rehearsal?.Name ?? "none", DateTimeOffset.UtcNow);
        var metadata = model.Metadata with { Adapted = record, TestAccuracy = null, TestLoss = null, ValidationAccuracy = null, CreatedUtc = DateTimeOffset.UtcNow };
        return new AdaptationResult(new TrainedModel(model.Network, metadata), trained.Length, heldOut.Length, before, after, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Each example's class index in the model.</summary>
    private static int[] ClassIndices(Examples examples, IReadOnlyList<string> classes)
    {
        if (examples.Count == 0)
            throw new LeNetException("no examples to adapt to");
        if (examples.Count > AdaptOptions.MaxExamples)
            throw new LeNetException($"{examples.Count:N0} examples: at most {AdaptOptions.MaxExamples:N0} are adapted to at once");
        var index = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var unknown = examples.Labels.Where(l => !index.ContainsKey(l)).Distinct().ToList();
        if (unknown.Count > 0)
            throw new LeNetException($"class(es) {string.Join(", ", unknown.Select(u => $"'{u}'"))} are not ones the model reads " +
                                     $"({string.Join(" ", classes)}); to read new classes, train a model on them (lenet train --images DIR)");
        return [.. examples.Labels.Select(l => index[l])];
    }

    /// <summary>Per class, one example in <see cref="AdaptOptions.HoldOutOneIn"/> held back (seeded); none of a class with fewer.</summary>
    private static (int[] Trained, int[] HeldOut) HoldOut(int[] labels, int classes, AdaptOptions options)
    {
        var random = new Random((int)options.Seed);
        var held = new List<int>();
        for (var c = 0; c < classes; c++)
        {
            var members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).OrderBy(_ => random.Next()).ToList();
            held.AddRange(members.Take(options.HeldBackOf(members.Count)));
        }
        var heldSet = held.ToHashSet();
        return ([.. Enumerable.Range(0, labels.Length).Where(i => !heldSet.Contains(i))], [.. held.Order()]);
    }

    private static LabelledTensors Inputs(byte[] pixels, int[] labels, int[] chosen, Normalization normalization)
    {
        var bytes = new byte[chosen.Length * Examples.FieldBytes];
        for (var i = 0; i < chosen.Length; i++)
            pixels.AsSpan(chosen[i] * Examples.FieldBytes, Examples.FieldBytes).CopyTo(bytes.AsSpan(i * Examples.FieldBytes));
        using var images = tensor(bytes, [chosen.Length, 1, 28, 28]);
        return new LabelledTensors(normalization.Apply(images), tensor(chosen.Select(i => (long)labels[i]).ToArray()));
    }

    /// <summary>The rehearsed examples of classes the model reads (others are left out).</summary>
    private static LabelledTensors? Rehearsed(Examples rehearsal, IReadOnlyList<string> classes, Normalization normalization)
    {
        var index = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var kept = Enumerable.Range(0, rehearsal.Count).Where(i => index.ContainsKey(rehearsal.Labels[i])).ToArray();
        return kept.Length == 0 ? null : Inputs(rehearsal.Pixels, [.. rehearsal.Labels.Select(l => index.GetValueOrDefault(l))], kept, normalization);
    }

    private static Tensor Outliers(IReadOnlyList<string> classes, Normalization normalization, long seed)
    {
        using var images = tensor(OutlierImages.Render(OutlierCount, (int)seed, classes), [OutlierCount, 1, 28, 28]);
        return normalization.Apply(images);
    }

    private static void TuneMember(nn.Module<Tensor, Tensor> member, double temperature, TuningBatches batches, LabelledTensors held,
        AdaptOptions options, Action<int> stepped, CancellationToken cancellationToken)
    {
        var parameters = member.named_parameters().Where(p => !options.FreezeConvolutions || !p.name.StartsWith("conv", StringComparison.Ordinal))
            .Select(p => p.parameter).ToList();
        using var optimizer = optim.Adam(parameters, options.LearningRate);
        var best = held.Count == 0 ? null : new BestState(member, HeldOutLoss(member, temperature, held));
        for (var step = 1; step <= options.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using (var stepScope = NewDisposeScope())
            {
                member.train();
                var (inputs, targets) = batches.Next(step);
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(member.call(inputs), targets);
                loss.backward();
                optimizer.step();
                var value = loss.item<float>();
                if (!float.IsFinite(value))
                    throw new LeNetException($"fine-tuning diverged at step {step} (loss {value}); the model was not changed on disk. Try a lower --lr");
            }
            if (best is not null && (step % options.EvaluateEvery == 0 || step == options.Steps))
                best.Offer(member, HeldOutLoss(member, temperature, held));
            stepped(step);
        }
        best?.Restore(member);
        best?.Dispose();
    }

    /// <summary>What <paramref name="member"/> answers for <paramref name="inputs"/> before tuning, as probabilities.</summary>
    private static Tensor Answers(nn.Module<Tensor, Tensor> member, Tensor inputs)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        member.eval();
        return nn.functional.softmax(member.call(inputs), 1).MoveToOuterDisposeScope();
    }

    private static double HeldOutLoss(nn.Module<Tensor, Tensor> member, double temperature, LabelledTensors held)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        member.eval();
        using var t = temperature.ToScalar();
        return nn.functional.cross_entropy(member.call(held.Inputs).div(t), held.Labels).item<float>();
    }

    /// <summary>Top-1 accuracy over the classes (a reject output never counts as an answer); null without examples.</summary>
    private static double? Accuracy(nn.Module<Tensor, Tensor> network, LabelledTensors set, int classes)
    {
        if (set.Count == 0)
            return null;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        network.eval();
        return network.call(set.Inputs).narrow(1, 0, classes).argmax(1).eq(set.Labels).to(ScalarType.Float32).mean().item<float>();
    }
}
