namespace LeNet.Models;

/// <summary>How a network computes: its own fused kernels, or one TorchSharp operation per layer.</summary>
public enum ComputePath
{
    /// <summary>Fused, vectorised kernels where the network has them (LeNet-5's convolutional half on the CPU).</summary>
    Fast,

    /// <summary>One TorchSharp operation per layer: the reference the fast path is measured and checked against.</summary>
    Plain,
}

/// <summary>A network that can compute either way; both give the same numbers up to float rounding.</summary>
public interface IHasComputePath
{
    /// <summary>The path the next forward passes take.</summary>
    ComputePath Path { get; set; }

    /// <summary>
    /// Cores the fast path's kernels spread a batch over (its own threads). libtorch should run single-threaded
    /// meanwhile: its idle OpenMP threads spin on the other cores (see <see cref="ComputeSettings"/>).
    /// </summary>
    int Threads { get; set; }
}
