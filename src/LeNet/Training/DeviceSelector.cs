using static TorchSharp.torch;

namespace LeNet.Training;

/// <summary>Turns <c>--device</c> into a TorchSharp device, or one clear sentence about why it cannot.</summary>
public static class DeviceSelector
{
    /// <summary>The device named <paramref name="name"/> (<c>cpu</c> or <c>cuda</c>).</summary>
    /// <exception cref="LeNetException">CUDA was asked for but is not available.</exception>
    public static Device Resolve(string name) => name switch
    {
        "cpu" => CPU,
        "cuda" when cuda.is_available() => CUDA,
        "cuda" => throw new LeNetException(
            "--device cuda: CUDA is not available — this build uses the CPU-only TorchSharp package, or no NVIDIA GPU/driver was found (see README, \"GPU\")"),
        _ => throw new LeNetException($"--device: must be cpu or cuda (got '{name}')"),
    };
}
