using LeNet.Models;

namespace LeNet.Inference;

/// <summary>Which engine runs the network at inference time.</summary>
public enum InferenceRuntime
{
    /// <summary>
    /// The C# network (<see cref="CSharpNetwork"/>) for LeNet-5 and its ensembles: no native runtime is loaded. Other
    /// architectures run as <see cref="Torch"/>. The default.
    /// </summary>
    Fast,

    /// <summary>TorchSharp (libtorch), one operation per layer (<see cref="ComputePath.Plain"/>).</summary>
    Torch,

    /// <summary>ONNX Runtime, from the model exported to ONNX: no libtorch needed when loading an .onnx file.</summary>
    Onnx,
}

/// <summary>What an <see cref="InferenceRuntime"/> means for a TorchSharp model.</summary>
public static class InferenceRuntimeExtensions
{
    /// <summary>The compute path the runtime runs a TorchSharp model on (ONNX Runtime does not use it: plain).</summary>
    public static ComputePath ComputePath(this InferenceRuntime runtime) =>
        runtime == InferenceRuntime.Fast ? Models.ComputePath.Fast : Models.ComputePath.Plain;
}
