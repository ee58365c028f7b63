using LeNet.Models;

namespace LeNet.Training;

/// <summary>
/// Several trained models of one kind read together (<see cref="EnsembleNetwork"/>): the members' calibrated
/// probabilities are averaged, which makes fewer and less confident mistakes than any member alone.
/// </summary>
public static class Ensembles
{
    /// <summary>
    /// An ensemble of <paramref name="models"/> (two or more, same architecture, classes, input and normalisation) and
    /// its metadata: the first member's, with every member's temperature, and no accuracy until it is measured.
    /// The models become the ensemble's members: dispose the result, not them.
    /// </summary>
    /// <exception cref="LeNetException">Fewer than two models, a model that is itself an ensemble, or models that differ.</exception>
    public static TrainedModel Combine(IReadOnlyList<(string Path, TrainedModel Model)> models)
    {
        if (models.Count < 2)
            throw new LeNetException($"an ensemble needs at least two models (got {models.Count})");
        var (firstPath, first) = models[0];
        foreach (var (path, model) in models)
        {
            var m = model.Metadata;
            if (m.Members > 1)
                throw new LeNetException($"{path}: is already an ensemble; combine single models");
            if (m.Architecture != first.Metadata.Architecture || !m.ClassNames.SequenceEqual(first.Metadata.ClassNames)
                || m.RejectOutput != first.Metadata.RejectOutput || m.Normalization != first.Metadata.Normalization || !m.InputShape.SequenceEqual(first.Metadata.InputShape))
                throw new LeNetException($"{path}: differs from {firstPath} (architecture, classes, input or normalisation); an ensemble's members must read alike");
        }
        var network = new EnsembleNetwork([.. models.Select(m => m.Model.Network)], [.. models.Select(m => m.Model.Metadata.Temperature)]);
        network.eval();
        var metadata = first.Metadata with
        {
            MemberTemperatures = [.. models.Select(m => m.Model.Metadata.Temperature)],
            Temperature = 1,
            TestAccuracy = null,
            TestLoss = null,
            ValidationAccuracy = null,
            CreatedUtc = DateTimeOffset.UtcNow,
        };
        return new TrainedModel(network, metadata);
    }
}
