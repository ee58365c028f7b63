using LeNet.Models;

namespace LeNet.Adaptation;

/// <summary>A fine-tuned model and what it did on the writer's held-out examples.</summary>
/// <param name="Model">The tuned network and its metadata (which records the adaptation); the caller disposes it.</param>
/// <param name="HeldOut">Examples kept back from training to choose the best step and measure it (0: none).</param>
/// <param name="Seconds">Wall time of the tuning.</param>
public sealed record AdaptationResult(TrainedModel Model, int Trained, int HeldOut, double? AccuracyBefore, double? AccuracyAfter, double Seconds);
