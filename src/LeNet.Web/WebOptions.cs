using LeNet.Inference;

namespace LeNet.Web;

/// <summary>Settings of the web app (<c>lenet serve</c>), with the limits it states in its errors and in README.</summary>
/// <param name="ModelPath">Model file to serve; null for the bundled digit model.</param>
/// <param name="MathModelPath">Model file reading digits and arithmetic symbols for <c>/api/calc</c>; null for the bundled math model.</param>
/// <param name="Urls">Where to listen; loopback by default so nothing is exposed by accident.</param>
/// <param name="MaxBodyBytes">Largest request body: 10 MiB (a phone photo is 2–6 MB).</param>
/// <param name="ComputeSlots">Requests decoding and recognising at once (0: one per core); see <see cref="ComputeGate"/>.</param>
/// <param name="QueuedRequests">Requests whose body has arrived that may wait for a slot; beyond that the answer is 503.</param>
/// <param name="QueuedRequestsPerClient">Of those, how many one client address may have; beyond that the answer is 429.</param>
/// <param name="BodyTimeout">How long a request body may take to arrive: 30 s, then 408.</param>
/// <param name="TrustForwardedHeaders">
/// Take the client address from <c>X-Forwarded-For</c> (behind a reverse proxy); off by default, because any client
/// could otherwise claim any address.
/// </param>
/// <param name="Threads">libtorch threads: 1, because each request is one small image and requests run side by side.</param>
/// <param name="ImageLimits">Pixel and size limits for decoded images.</param>
/// <param name="RunsDirectory">Folder of training runs (each with metrics.json) that the training view follows.</param>
/// <param name="ProfilesDirectory">Where profiles keep their corrected examples and adapted models (<c>lenet serve --profiles</c>).</param>
/// <param name="MaxExamplesPerProfile">Most corrected examples one profile keeps (each stored at most 160 px on a side).</param>
/// <param name="MaxProfiles">Most profiles the server keeps.</param>
/// <param name="Runtime">
/// The engine serving predictions: the fast path (LeNet-5's fused kernels on TorchSharp), the fastest per call here
/// (README, "Speed"); <c>torch</c> and <c>onnx</c> remain selectable.
/// </param>
public sealed record WebOptions(
    string? ModelPath = null,
    string Urls = "http://127.0.0.1:5000",
    long MaxBodyBytes = 10L << 20,
    int ComputeSlots = 0,
    int QueuedRequests = 512,
    int QueuedRequestsPerClient = 256,
    int Threads = 1,
    ImageLimits? ImageLimits = null,
    string RunsDirectory = "runs",
    InferenceRuntime Runtime = InferenceRuntime.Fast,
    string? MathModelPath = null,
    TimeSpan? BodyTimeout = null,
    bool TrustForwardedHeaders = false,
    string ProfilesDirectory = "profiles",
    int MaxExamplesPerProfile = 500,
    int MaxProfiles = 1_000)
{
    /// <summary>The effective body timeout.</summary>
    public TimeSpan BodyTimeLimit => BodyTimeout ?? TimeSpan.FromSeconds(30);

    /// <summary>The effective number of compute slots.</summary>
    public int Slots => ComputeSlots > 0 ? ComputeSlots : Environment.ProcessorCount;

    /// <summary>The service key of the recognizer that reads arithmetic.</summary>
    public const string MathReader = "math";

    /// <summary>The effective image limits.</summary>
    public ImageLimits Limits => ImageLimits ?? Inference.ImageLimits.Default;
}
