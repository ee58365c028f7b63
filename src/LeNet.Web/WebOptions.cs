using LeNet.Inference;

namespace LeNet.Web;

/// <summary>Settings of the web app (<c>lenet serve</c>), with the limits it states in its errors and in README.</summary>
/// <param name="ModelPath">Model file to serve; null for the bundled digit model.</param>
/// <param name="MathModelPath">Model file reading digits and arithmetic symbols for <c>/api/calc</c>; null for the bundled math model.</param>
/// <param name="Urls">Where to listen; loopback by default so nothing is exposed by accident.</param>
/// <param name="MaxBodyBytes">Largest request body: 10 MiB (a phone photo is 2–6 MB).</param>
/// <param name="ConcurrentRequestsPerClient">Requests one client address may have in progress at once.</param>
/// <param name="QueuedRequestsPerClient">Further requests that wait their turn; beyond that the answer is 429.</param>
/// <param name="Threads">libtorch threads: 1, because each request is one small image and requests run side by side.</param>
/// <param name="ImageLimits">Pixel and size limits for decoded images.</param>
/// <param name="RunsDirectory">Folder of training runs (each with metrics.json) that the training view follows.</param>
/// <param name="Runtime">
/// The engine serving predictions: the fast path (LeNet-5's fused kernels on TorchSharp), the fastest per call here
/// (README, "Speed"); <c>torch</c> and <c>onnx</c> remain selectable.
/// </param>
public sealed record WebOptions(
    string? ModelPath = null,
    string Urls = "http://127.0.0.1:5000",
    long MaxBodyBytes = 10L << 20,
    int ConcurrentRequestsPerClient = 8,
    int QueuedRequestsPerClient = 64,
    int Threads = 1,
    ImageLimits? ImageLimits = null,
    string RunsDirectory = "runs",
    InferenceRuntime Runtime = InferenceRuntime.Fast,
    string? MathModelPath = null)
{
    /// <summary>The service key of the recognizer that reads arithmetic.</summary>
    public const string MathReader = "math";

    /// <summary>The effective image limits.</summary>
    public ImageLimits Limits => ImageLimits ?? Inference.ImageLimits.Default;
}
