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
