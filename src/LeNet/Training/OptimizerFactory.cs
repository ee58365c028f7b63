using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>Builds the optimizer and learning-rate schedule a <see cref="TrainingOptions"/> asks for.</summary>
public static class OptimizerFactory
{
    /// <summary>The optimizer over <paramref name="parameters"/>.</summary>
    public static OptimizerHelper Create(TrainingOptions options, IEnumerable<Parameter> parameters) => options.Optimizer switch
    {
        OptimizerKind.Adam => optim.Adam(parameters, lr: options.LearningRate, weight_decay: options.WeightDecay),
        OptimizerKind.Sgd => optim.SGD(parameters, options.LearningRate, momentum: options.Momentum, weight_decay: options.WeightDecay),
        OptimizerKind.Sdlm => new DiagonalLevenbergMarquardt(parameters, options.LearningRate, options.Damping, options.BatchSize),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "unknown optimizer"),
    };

    /// <summary>The schedule, stepped once per batch, or null for a constant rate.</summary>
    /// <param name="totalSteps">Batches in the whole run.</param>
    public static optim.lr_scheduler.LRScheduler? CreateSchedule(TrainingOptions options, OptimizerHelper optimizer, int totalSteps) =>
        options.Schedule switch
        {
            ScheduleKind.None => null,
            // ×0.1 after each third of the run, as the step schedules of the classic recipes do.
            ScheduleKind.Step => optim.lr_scheduler.StepLR(optimizer, step_size: Math.Max(1, totalSteps / 3), gamma: 0.1),
            ScheduleKind.OneCycle => optim.lr_scheduler.OneCycleLR(optimizer, max_lr: options.LearningRate, total_steps: totalSteps),
            ScheduleKind.Paper => optim.lr_scheduler.LambdaLR(optimizer, step => PaperRateFactor(step / Math.Max(1, totalSteps / options.Epochs))),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Schedule, "unknown schedule"),
        };

    /// <summary>The paper's global rate in pass <paramref name="pass"/> (0-based), relative to the first pass's.</summary>
    public static double PaperRateFactor(int pass) => pass switch
    {
        < 2 => 1,
        < 5 => 0.4,
        < 8 => 0.2,
        < 12 => 0.1,
        _ => 0.02,
    };

    /// <summary>The current learning rate of the first parameter group.</summary>
    public static double CurrentLearningRate(OptimizerHelper optimizer) => optimizer.ParamGroups.First().LearningRate;
}
