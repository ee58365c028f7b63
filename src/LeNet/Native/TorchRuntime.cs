using TorchSharp;

namespace LeNet.Native;

/// <summary>
/// Loads libtorch once and turns TorchSharp's long native-loading trace into one actionable message.
/// </summary>
public static class TorchRuntime
{
    /// <summary>Makes sure libtorch is loaded; throws <see cref="TorchUnavailableException"/> when it cannot be.</summary>
    public static void EnsureLoaded()
    {
        try
        {
            using var probe = torch.ones(1);
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException
                                      or BadImageFormatException or EntryPointNotFoundException)
        {
            throw new TorchUnavailableException(Describe(e), e);
        }
    }

    /// <summary>
    /// Sets how many cores computation uses (0 = one per logical core) and returns that number. On the plain path
    /// libtorch's intra-op threads use them. On the fast path the fused kernels use them (see
    /// <see cref="Models.IHasComputePath.Threads"/>) and libtorch runs single-threaded: its OpenMP threads keep spinning
    /// after each operation and would take the cores from the kernels (measured: no gain from a second kernel thread).
    /// </summary>
    public static int ConfigureThreads(int threads, Models.ComputePath path = Models.ComputePath.Plain)
    {
        EnsureLoaded();
        var count = threads > 0 ? threads : Environment.ProcessorCount;
        torch.set_num_threads(path == Models.ComputePath.Fast ? 1 : count);
        return count;
    }

    private static string Describe(Exception e)
    {
        var detail = e;
        while (detail.InnerException is not null)
            detail = detail.InnerException;
        var text = detail.Message;
        var hint = text.Contains("GLIBCXX", StringComparison.Ordinal)
            ? "The system libstdc++ is older than TorchSharp's native library expects. Build the project with " +
              "'dotnet build' (the build marks that requirement optional; see DEVELOPERS.md) and run the built copy."
            : "Check that the TorchSharp-cpu package restored and that the native files sit beside the program.";
        var firstLine = text.Split('\n', 2)[0].Trim();
        return $"libtorch could not be loaded: {firstLine}. {hint}";
    }
}
