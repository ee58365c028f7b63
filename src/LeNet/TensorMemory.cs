using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace LeNet;

/// <summary>
/// The memory of a contiguous float32 CPU tensor, where TorchSharp keeps it, for the C# kernels that read and write it
/// in place (the fused LeNet-5 stack and paper step, the single-image affine warp).
/// </summary>
internal static unsafe class TensorMemory
{
    /// <summary>The tensor's values.</summary>
    public static Span<float> Floats(Tensor tensor) => MemoryMarshal.Cast<byte, float>(tensor.bytes);

    /// <summary>The address of the tensor's first value.</summary>
    public static float* Address(Tensor tensor) => (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(Floats(tensor)));
}
