using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace LeNet.Models;

/// <summary>
/// Several networks of one architecture read together: each member's probabilities, calibrated by its own
/// temperature, are averaged, and the output is their logarithm — so softmax of the output gives the average back,
/// and whatever treats the output as scores (evaluation, calibration, the recognizer) works unchanged.
/// </summary>
public sealed class EnsembleNetwork : Module<Tensor, Tensor>
{
    private readonly ModuleList<Module<Tensor, Tensor>> members;
    private readonly double[] _temperatures;

    /// <summary>Reads with <paramref name="networks"/>, each softened by its temperature.</summary>
    public EnsembleNetwork(IReadOnlyList<Module<Tensor, Tensor>> networks, IReadOnlyList<double> temperatures) : base(nameof(EnsembleNetwork))
    {
        if (networks.Count < 2 || networks.Count != temperatures.Count)
            throw new ArgumentException("an ensemble needs two or more networks, each with its temperature");
        members = new ModuleList<Module<Tensor, Tensor>>([.. networks]);
        _temperatures = [.. temperatures];
        RegisterComponents();
    }

    /// <summary>The member networks.</summary>
    public IReadOnlyList<Module<Tensor, Tensor>> Members => [.. members];

    /// <summary>Each member's softmax temperature.</summary>
    public IReadOnlyList<double> Temperatures => _temperatures;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        Tensor? sum = null;
        for (var i = 0; i < members.Count; i++)
        {
            using var temperature = _temperatures[i].ToScalar();
            var probabilities = members[i].call(input).div(temperature).softmax(1);
            sum = sum is null ? probabilities : sum.add_(probabilities, Scalars.One);
        }
        using var count = ((double)members.Count).ToScalar();
        using var floor = 1e-12.ToScalar();
        return sum!.div_(count).clamp_min_(floor).log_();                 // [N, outputs] = log of the mean probability
    }
}
