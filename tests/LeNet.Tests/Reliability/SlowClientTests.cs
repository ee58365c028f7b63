using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using LeNet.Tests.Support;

namespace LeNet.Tests.Reliability;

public sealed class SlowClientTests(LiveServer server) : IClassFixture<LiveServer>
{
    [Fact]
    public async Task Clients_that_send_slowly_or_stop_midway_do_not_hold_up_everyone_else()
    {
        // Twenty connections that send half a request and then go quiet (a slowloris), plus one that stops mid-body.
        var stalled = new List<TcpClient>();
        for (var i = 0; i < 20; i++)
        {
            var socket = new TcpClient();
            await socket.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
            var partial = i == 0
                ? $"POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: 100000\r\n\r\n{new string('x', 100)}"
                : "POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Ty";
            await socket.GetStream().WriteAsync(Encoding.ASCII.GetBytes(partial));
            stalled.Add(socket);
        }
        try
        {
            using var client = server.Client();
            var content = new ByteArrayContent(Samples.Bytes("digit-8.jpg"));
            content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

            var response = await client.PostAsync("/api/predict", content, timeout.Token);

            Assert.True(response.IsSuccessStatusCode);
            Assert.Contains("\"digit\":\"8\"", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            stalled.ForEach(s => s.Dispose());
        }
    }
}
