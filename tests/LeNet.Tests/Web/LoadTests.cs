using System.Diagnostics;
using System.Net.Http.Headers;
using LeNet.Tests.Support;
using Xunit.Abstractions;

namespace LeNet.Tests.Web;

/// <summary>
/// A bounded load test on loopback: 16 clients post real digit photos as fast as they can for a fixed time
/// (5 s here; LENET_LOAD_SECONDS=20 for the full run). Every answer must be a correct 200.
/// </summary>
public sealed class LoadTests(LiveServer server, ITestOutputHelper output) : IClassFixture<LiveServer>
{
    [Fact]
    public Task Sixteen_concurrent_clients_get_only_correct_answers() => LoadTest.Run(server, output, "TorchSharp");
}

/// <summary>The same load on the default engine, the fast path.</summary>
public sealed class FastLoadTests(FastLiveServer server, ITestOutputHelper output) : IClassFixture<FastLiveServer>
{
    [Fact]
    public Task Sixteen_concurrent_clients_get_only_correct_answers() => LoadTest.Run(server, output, "fast path");
}

/// <summary>The same load on ONNX Runtime.</summary>
public sealed class OnnxLoadTests(OnnxLiveServer server, ITestOutputHelper output) : IClassFixture<OnnxLiveServer>
{
    [Fact]
    public Task Sixteen_concurrent_clients_get_only_correct_answers() => LoadTest.Run(server, output, "ONNX Runtime");
}

internal static class LoadTest
{
    private const int Clients = 16;

    public static async Task Run(LiveServer server, ITestOutputHelper output, string engine)
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("LENET_LOAD_SECONDS"), out var configured) ? configured : 5;
        using var client = server.Client();
        // Each photo's answer from one request alone: under load every answer must be exactly that one.
        var photos = new List<(string Digit, byte[] Bytes)>();
        foreach (var bytes in Enumerable.Range(0, 10).Select(d => Samples.Bytes($"digit-{d}.jpg")))
        {
            var single = new ByteArrayContent(bytes);
            single.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            using var alone = await client.PostAsync("/api/predict", single);
            photos.Add((System.Text.Json.JsonDocument.Parse(await alone.Content.ReadAsStringAsync()).RootElement.GetProperty("digit").GetString()!, bytes));
        }
        var deadline = Stopwatch.StartNew();
        var latencies = new List<double>[Clients];
        var failures = new List<string>();

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async worker =>
        {
            latencies[worker] = [];
            for (var i = worker; deadline.Elapsed.TotalSeconds < seconds; i++)
            {
                var (digit, bytes) = photos[i % photos.Count];
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                var clock = Stopwatch.StartNew();
                using var response = await client.PostAsync("/api/predict", content);
                var body = await response.Content.ReadAsStringAsync();
                latencies[worker].Add(clock.Elapsed.TotalMilliseconds);
                if (!response.IsSuccessStatusCode || !body.Contains($"\"digit\":\"{digit}\"", StringComparison.Ordinal))
                    lock (failures)
                        failures.Add($"{(int)response.StatusCode}: {body[..Math.Min(200, body.Length)]}");
            }
        }));

        var all = latencies.SelectMany(l => l).Order().ToList();
        var elapsed = deadline.Elapsed.TotalSeconds;
        TestReport.Write(output, $"Load test ({engine}): {Clients} clients × {elapsed:F0} s on loopback: {all.Count:N0} requests, {all.Count / elapsed:F0} requests/s, " +
                                 $"latency p50 {all[all.Count / 2]:F1} ms, p99 {all[(int)(all.Count * 0.99)]:F1} ms, {failures.Count} errors");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
        Assert.True(all.Count > Clients);
    }
}
