using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using LeNet.Tests.Support;
using Xunit.Abstractions;

namespace LeNet.Tests.Reliability;

/// <summary>
/// Uploads that stall after their headers, all from the one address a proxy or NAT gives everyone: they hold no
/// compute slot, so a normal request from the same address is not held up, and each stalled upload ends in 408.
/// </summary>
public sealed class StalledUploadTests(ImpatientServer server, ITestOutputHelper output) : IClassFixture<ImpatientServer>
{
    private async Task<TcpClient> StallAnUpload()
    {
        var socket = new TcpClient();
        await socket.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        var partial = $"POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\nContent-Length: 100000\r\n\r\n{new string('x', 100)}";
        await socket.GetStream().WriteAsync(Encoding.ASCII.GetBytes(partial));
        return socket;
    }

    private async Task<TimeSpan> TimeANormalRequest()
    {
        using var client = server.Client();
        var content = new ByteArrayContent(Samples.Bytes("digit-8.jpg"));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var clock = Stopwatch.StartNew();
        var response = await client.PostAsync("/api/predict", content);
        clock.Stop();
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Contains("\"digit\":\"8\"", await response.Content.ReadAsStringAsync());
        return clock.Elapsed;
    }

    [Fact]
    public async Task A_hundred_stalled_uploads_from_one_address_do_not_hold_up_its_next_request()
    {
        await TimeANormalRequest(); // warm up
        var alone = await TimeANormalRequest();
        var stalled = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 100; i++)
                stalled.Add(await StallAnUpload());

            var behindThem = await TimeANormalRequest();

            output.WriteLine($"normal request alone {alone.TotalMilliseconds:F1} ms, behind 100 stalled uploads {behindThem.TotalMilliseconds:F1} ms");
            Assert.True(behindThem < TimeSpan.FromSeconds(1.5), $"{behindThem.TotalMilliseconds:F0} ms: the request waited for the stalled uploads (2 s body timeout)");
        }
        finally
        {
            stalled.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task A_stalled_upload_is_answered_408_when_its_time_is_up()
    {
        using var socket = await StallAnUpload();
        var stream = socket.GetStream();
        stream.ReadTimeout = 20_000;

        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.StartsWith("HTTP/1.1 408", Encoding.ASCII.GetString(buffer, 0, read));
    }
}
