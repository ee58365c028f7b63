using LeNet.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace LeNet.Tests.Support;

/// <summary>The real web app (Kestrel, the bundled model, plain TorchSharp) on a random loopback port, for the whole test class.</summary>
public class LiveServer : IAsyncLifetime
{
    private WebApplication? _app;

    /// <summary>Where this server's profiles live: a fresh folder, removed with the server.</summary>
    public string ProfilesDirectory { get; } = Directory.CreateTempSubdirectory("lenet-profiles-").FullName;

    protected virtual WebOptions Options => new(Urls: "http://127.0.0.1:0", Runtime: LeNet.Inference.InferenceRuntime.Torch);

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync()
    {
        _app = WebApp.Build(Options with { ProfilesDirectory = ProfilesDirectory }, logging => { logging.ClearProviders(); if (Environment.GetEnvironmentVariable("LENET_TEST_LOG") is { } log) logging.AddSimpleConsole(); });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        Directory.Delete(ProfilesDirectory, recursive: true);
    }
}

/// <summary>A server whose profiles keep at most 20 examples: makes the limit quick to reach.</summary>
public sealed class ServerWithSmallProfiles : LiveServer
{
    public const int Limit = 20;

    protected override WebOptions Options => new(Urls: "http://127.0.0.1:0", MaxExamplesPerProfile: Limit);
}

/// <summary>The server as <c>lenet serve</c> starts it by default: the network on the fast path.</summary>
public sealed class FastLiveServer : LiveServer
{
    protected override WebOptions Options => new(Urls: "http://127.0.0.1:0");
}

/// <summary>The network on ONNX Runtime.</summary>
public sealed class OnnxLiveServer : LiveServer
{
    protected override WebOptions Options => new(Urls: "http://127.0.0.1:0", Runtime: LeNet.Inference.InferenceRuntime.Onnx);
}

/// <summary>A server whose training view follows a temporary runs folder the test writes into.</summary>
public sealed class ServerWithRuns : LiveServer, IDisposable
{
    public string RunsDirectory { get; } = Directory.CreateTempSubdirectory("lenet-runs-").FullName;

    protected override WebOptions Options => new(Urls: "http://127.0.0.1:0", RunsDirectory: RunsDirectory);

    public void Dispose() => Directory.Delete(RunsDirectory, recursive: true);
}

/// <summary>A server with one compute slot that lets each client have only one request computing or waiting: makes 429 easy to reach.</summary>
public sealed class TightlyLimitedServer : LiveServer
{
    protected override WebOptions Options => new(Urls: "http://127.0.0.1:0", ComputeSlots: 1, QueuedRequestsPerClient: 1);
}

/// <summary>A server that gives request bodies two seconds to arrive: makes 408 quick to reach.</summary>
public sealed class ImpatientServer : LiveServer
{
    protected override WebOptions Options => new(Urls: "http://127.0.0.1:0", BodyTimeout: TimeSpan.FromSeconds(2));
}
