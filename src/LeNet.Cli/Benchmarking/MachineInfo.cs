using System.Text.Json.Serialization;

namespace LeNet.Benchmarking;

/// <summary>Where a benchmark ran: every figure is reported with it.</summary>
public sealed record MachineInfo(
    [property: JsonPropertyName("cpu_model")] string CpuModel,
    [property: JsonPropertyName("logical_cores")] int LogicalCores,
    [property: JsonPropertyName("torch_threads")] int TorchThreads,
    [property: JsonPropertyName("torchsharp_version")] string TorchSharpVersion,
    [property: JsonPropertyName("os")] string Os,
    [property: JsonPropertyName("runtime")] string Runtime)
{
    /// <summary>Reads this machine's description.</summary>
    public static MachineInfo Current(int torchThreads)
    {
        var cpu = "unknown";
        if (File.Exists("/proc/cpuinfo"))
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        return new MachineInfo(cpu, Environment.ProcessorCount, torchThreads, Training.TrainingRecord.TorchSharpVersion,
            System.Runtime.InteropServices.RuntimeInformation.OSDescription, System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
    }
}
