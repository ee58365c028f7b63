namespace LeNet.Native;

/// <summary>libtorch (TorchSharp's native back end) could not be loaded on this machine.</summary>
public sealed class TorchUnavailableException(string message, Exception inner) : Exception(message, inner);
