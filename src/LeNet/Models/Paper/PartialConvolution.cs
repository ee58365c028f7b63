using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LeNet.Models.Paper;

/// <summary>
/// C3: 16 maps of 5 × 5 kernels, each connected to a subset of S2's 6 maps by the paper's Table I — maps 0–5 see 3
/// contiguous maps, 6–11 see 4 contiguous, 12–14 see 4 discontinuous, 15 sees all 6. Only the 1,500 weights of real
/// connections (plus 16 biases: 1,516 parameters) exist; they are scattered into a dense kernel for one conv2d call.
/// </summary>
public sealed class PartialConvolution : nn.Module<Tensor, Tensor>, IMacCounter
{
    /// <summary>Table I of LeCun et al. (1998): for each C3 map, the S2 maps it reads.</summary>
    public static readonly int[][] Connections =
    [
        [0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5], [0, 4, 5], [0, 1, 5],
        [0, 1, 2, 3], [1, 2, 3, 4], [2, 3, 4, 5], [0, 3, 4, 5], [0, 1, 4, 5], [0, 1, 2, 5],
        [0, 1, 3, 4], [1, 2, 4, 5], [0, 2, 3, 5],
        [0, 1, 2, 3, 4, 5],
    ];

    private const int Inputs = 6, Outputs = 16, Kernel = 5;
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly Tensor positions;

    /// <summary>Creates C3, each map's weights and bias uniform in ±2.4 / its fan-in (25 × its input maps).</summary>
    public PartialConvolution() : base(nameof(PartialConvolution))
    {
        var places = new List<long>();
        var values = new List<float>();
        var biases = new float[Outputs];
        var random = new Func<double, float>(limit => (float)((rand(1).item<float>() * 2 - 1) * limit));
        for (var output = 0; output < Outputs; output++)
        {
            var limit = 2.4 / (Connections[output].Length * Kernel * Kernel);
            foreach (var input in Connections[output])
            {
                for (var k = 0; k < Kernel * Kernel; k++)
                {
                    places.Add(((long)output * Inputs + input) * Kernel * Kernel + k);
                    values.Add(random(limit));
                }
            }
            biases[output] = random(limit);
        }
        weight = nn.Parameter(tensor(values.ToArray()));
        bias = nn.Parameter(tensor(biases));
        positions = tensor(places.ToArray());
        RegisterComponents();
    }

    /// <summary>The dense <c>[16, 6, 5, 5]</c> kernel with zeros where the table has no connection.</summary>
    public Tensor DenseKernel() => DenseKernel(weight);

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => nn.functional.conv2d(input, DenseKernel(), bias);

    /// <summary>
    /// The layer's part of <see cref="PaperLeNet5.DiagonalSecondDerivatives"/>: differentiated, it sends second
    /// derivatives back through the squared weights and gives each weight Σ x²·∂²E/∂a over the connections sharing it.
    /// </summary>
    internal Tensor SecondDerivativePass(Tensor inputSquared, Tensor fromBelow, Tensor weightSlot, Tensor biasSlot) =>
        nn.functional.conv2d(inputSquared, DenseKernel(weightSlot), biasSlot)
            .add(nn.functional.conv2d(fromBelow, DenseKernel(weight.detach().pow(Scalars.Two))), Scalars.One);

    private Tensor DenseKernel(Tensor values) =>
        zeros(Outputs * Inputs * Kernel * Kernel, device: values.device).scatter(0, positions, values).view(Outputs, Inputs, Kernel, Kernel);

    /// <summary>Only the real connections count: outputs per map × 25 × the map's inputs.</summary>
    public long MultiplyAccumulates(Tensor input, Tensor output) =>
        output.shape[0] * output.shape[2] * output.shape[3] * Connections.Sum(c => c.Length) * Kernel * Kernel;
}
