using LeNet.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace LeNet.Models;

/// <summary>
/// How a run computes: the path its network takes and the cores it uses (0 = one per logical core). Train, predict,
/// serve and bench each build one value of this from their options and apply it here, and only here: libtorch's
/// process-wide thread count and the network's own setting move together.
/// </summary>
/// <remarks>
/// On the plain path libtorch's intra-op threads use the cores. On the fast path the fused kernels use them and
/// libtorch runs single-threaded: its OpenMP threads keep spinning after each operation and would take the cores from
/// the kernels (measured: no gain from a second kernel thread).
/// </remarks>
public sealed record ComputeSettings(ComputePath Path = ComputePath.Fast, int Threads = 0)
{
    /// <summary>One operation per layer on every core: what networks without a fast path run.</summary>
    public static ComputeSettings Plain { get; } = new(ComputePath.Plain);

    /// <summary>The cores in use: <see cref="Threads"/>, or one per logical core.</summary>
    public int Cores => Threads > 0 ? Threads : Environment.ProcessorCount;

    /// <summary>
    /// The settings <paramref name="network"/> actually runs with on <paramref name="device"/>: the fast path only
    /// where the network has one and runs on the CPU.
    /// </summary>
    public ComputeSettings For(nn.Module network, DeviceType device = DeviceType.CPU) =>
        Path == ComputePath.Fast && (device != DeviceType.CPU || !Members(network).Any(m => m is IHasComputePath))
            ? this with { Path = ComputePath.Plain }
            : this;

    /// <summary>
    /// Sets libtorch's threads for this path and every network of <paramref name="network"/> (an ensemble's members
    /// too) to this path and core count; returns the settings as applied (see <see cref="For"/>).
    /// </summary>
    /// <exception cref="TorchUnavailableException">libtorch cannot be loaded.</exception>
    public ComputeSettings Apply(nn.Module network, DeviceType device = DeviceType.CPU)
    {
        var applied = For(network, device);
        applied.ApplyToProcess();
        foreach (var member in Members(network).OfType<IHasComputePath>())
            (member.Path, member.Threads) = (applied.Path, applied.Cores);
        return applied;
    }

    /// <summary>Sets libtorch's process-wide threads for this path (single-threaded on the fast path).</summary>
    /// <exception cref="TorchUnavailableException">libtorch cannot be loaded.</exception>
    public void ApplyToProcess()
    {
        TorchRuntime.EnsureLoaded();
        set_num_threads(Path == ComputePath.Fast ? 1 : Cores);
    }

    private static IEnumerable<nn.Module> Members(nn.Module network) =>
        network is EnsembleNetwork ensemble ? ensemble.Members : [network];
}
