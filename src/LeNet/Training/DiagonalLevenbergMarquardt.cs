using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>
/// The stochastic diagonal Levenberg–Marquardt method of LeCun et al. (1998, section II-C and appendix C): every weight
/// w_k moves by −ε_k ∂E/∂w_k with its own step ε_k = η / (μ + h_kk), where h_kk estimates the diagonal of the
/// Hessian (Gauss–Newton approximation) over a few hundred examples before each pass (see <see cref="CurvatureEstimator"/>).
/// </summary>
/// <remarks>
/// The paper updates after every example. Here a step uses the mean gradient of a batch of B examples and moves B
/// times as far, which to first order is the B per-example steps it replaces; B = 1 is the paper's procedure exactly.
/// </remarks>
public sealed class DiagonalLevenbergMarquardt : OptimizerHelper
{
    /// <summary>The paper's μ, which keeps steps bounded where the curvature is near zero.</summary>
    public const double PaperDamping = 0.02;

    /// <summary>Creates the optimizer over <paramref name="parameters"/> with global rate η = <paramref name="lr"/>.</summary>
    /// <param name="parameters">The weights to train.</param>
    /// <param name="lr">The global learning rate η (the paper starts at 0.0005).</param>
    /// <param name="damping">μ (the paper's 0.02).</param>
    /// <param name="examplesPerStep">B: the batch size whose mean gradient each step receives.</param>
    public DiagonalLevenbergMarquardt(IEnumerable<Parameter> parameters, double lr, double damping = PaperDamping, int examplesPerStep = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lr);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(damping);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(examplesPerStep);
        _defaults = new Options { LearningRate = lr, InitialLearningRate = lr, Damping = damping, ExamplesPerStep = examplesPerStep };
        _parameter_groups = [];
        add_param_group(new ParamGroup<Options> { Parameters = parameters });
    }

    /// <summary>μ of every parameter group; may change between passes (see <see cref="TrainingOptions.WarmupDamping"/>).</summary>
    public double Damping
    {
        get => ((Options)_parameter_groups[0].Options).Damping;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            foreach (var group in _parameter_groups)
                ((Options)group.Options).Damping = value;
        }
    }

    /// <summary>B: the batch size a step's mean gradient stands for.</summary>
    public int ExamplesPerStep => ((Options)_parameter_groups[0].Options).ExamplesPerStep;

    /// <summary>1 / (μ + h_kk) of <paramref name="parameter"/> at the current μ: the factor its gradient is scaled by.</summary>
    public Tensor InverseDampedCurvature(Parameter parameter) => ((State)_state[parameter.Handle]).InverseDampedCurvature(Damping);

    /// <summary>The current curvature estimate of <paramref name="parameter"/> (zeros before the first estimate).</summary>
    public Tensor Curvature(Parameter parameter) => ((State)_state[parameter.Handle]).Curvature;

    /// <summary>Replaces the curvature estimates: one tensor per parameter, in <see cref="OptimizerHelper.parameters"/> order.</summary>
    public void SetCurvature(IReadOnlyList<Tensor> curvature)
    {
        var parameters = this.parameters().ToList();
        if (curvature.Count != parameters.Count)
            throw new ArgumentException($"expected {parameters.Count} curvature tensors, got {curvature.Count}", nameof(curvature));
        using var noGrad = no_grad();
        for (var i = 0; i < parameters.Count; i++)
        {
            var state = (State)_state[parameters[i].Handle];
            state.Curvature.copy_(curvature[i]);
            state.CurvatureChanged();
        }
    }

    /// <inheritdoc />
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup<Options>>(group =>
    {
        var options = group.Options;
        using var rate = (-options.LearningRate!.Value * options.ExamplesPerStep).ToScalar();
        foreach (var parameter in group.Parameters)
        {
            if (parameter.grad is { } grad)
                parameter.addcmul_(grad, ((State)_state[parameter.Handle]).InverseDampedCurvature(options.Damping), rate);
        }
    }, closure);

    /// <inheritdoc />
    public override void add_param_group(ParamGroup param_group)
    {
        var defaults = (Options)_defaults;
        param_group.Options ??= new Options();
        var options = (Options)param_group.Options;
        options.LearningRate ??= defaults.LearningRate;
        options.InitialLearningRate = options.LearningRate!.Value;
        options.Damping = defaults.Damping;
        options.ExamplesPerStep = defaults.ExamplesPerStep;
        _parameter_groups.Add(param_group);
        foreach (var parameter in param_group.Parameters)
            _state[parameter.Handle] = new State(parameter);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var (_, state) in _state)
            ((State)state).Release();
        _state.Clear();
    }

    /// <summary>The settings of a parameter group.</summary>
    public sealed class Options : OptimizerOptions
    {
        /// <summary>μ.</summary>
        public double Damping { get; set; }

        /// <summary>B.</summary>
        public int ExamplesPerStep { get; set; } = 1;

        /// <inheritdoc />
        public override void SaveStateDict(BinaryWriter writer)
        {
            base.SaveStateDict(writer);
            writer.Write(Damping);
            writer.Write(ExamplesPerStep);
        }

        /// <inheritdoc />
        public override void LoadStateDict(BinaryReader reader)
        {
            base.LoadStateDict(reader);
            Damping = reader.ReadDouble();
            ExamplesPerStep = reader.ReadInt32();
        }

        /// <inheritdoc />
        public override void LoadStateDict(OptimizerOptions source)
        {
            base.LoadStateDict(source);
            var other = (Options)source;
            Damping = other.Damping;
            ExamplesPerStep = other.ExamplesPerStep;
        }
    }

    /// <summary>A parameter's curvature estimate h_kk, saved with checkpoints so a resumed pass keeps its steps.</summary>
    public sealed class State(Parameter parameter) : OptimizerState(parameter)
    {
        private Tensor? _inverse;
        private double _inverseDamping = double.NaN;

        /// <summary>h_kk for every element of the parameter.</summary>
        public Tensor Curvature { get; private set; } = zeros_like(parameter).DetachFromDisposeScope();

        /// <summary>1 / (μ + h_kk), computed once per pass (per change of μ or h) rather than once per step.</summary>
        public Tensor InverseDampedCurvature(double damping)
        {
            if (_inverse is null || damping != _inverseDamping)
            {
                _inverse?.Dispose();
                using var mu = damping.ToScalar();
                using var noGrad = no_grad();
                _inverse = Curvature.add(mu, Scalars.One).reciprocal_().DetachFromDisposeScope();
                _inverseDamping = damping;
            }
            return _inverse;
        }

        /// <summary>Marks the cached 1 / (μ + h) stale after <see cref="Curvature"/> changed.</summary>
        internal void CurvatureChanged()
        {
            _inverse?.Dispose();
            _inverse = null;
        }

        /// <inheritdoc />
        public override void Initialize(OptimizerOptions options)
        {
            Curvature.zero_();
            CurvatureChanged();
        }

        /// <inheritdoc />
        public override void to(Device device)
        {
            Curvature = Curvature.to(device);
            CurvatureChanged();
        }

        /// <inheritdoc />
        public override void SaveStateDict(BinaryWriter writer) => Curvature.Save(writer);

        /// <inheritdoc />
        public override void LoadStateDict(BinaryReader reader)
        {
            TensorExtensionMethods.Load(Curvature, reader);
            CurvatureChanged();
        }

        /// <inheritdoc />
        public override void LoadStateDict(OptimizerState source)
        {
            using var noGrad = no_grad();
            Curvature.copy_(((State)source).Curvature);
            CurvatureChanged();
        }

        /// <inheritdoc />
        public override bool ApproximatelyEquals(OptimizerState other) =>
            other is State state && Curvature.allclose(state.Curvature);

        /// <summary>Frees the curvature and its cached inverse.</summary>
        internal void Release()
        {
            CurvatureChanged();
            Curvature.Dispose();
        }
    }
}
