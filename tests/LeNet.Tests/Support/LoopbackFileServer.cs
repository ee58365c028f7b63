using System.Net;
using System.Net.Sockets;

namespace LeNet.Tests.Support;

/// <summary>A tiny HTTP server on 127.0.0.1 that serves files from a folder, optionally cutting every body off halfway.</summary>
internal sealed class LoopbackFileServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _folder;
    private readonly bool _cutOffHalfway;
    private readonly Task _loop;

    public LoopbackFileServer(string folder, bool cutOffHalfway = false)
    {
        _folder = folder;
        _cutOffHalfway = cutOffHalfway;
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    public string BaseUrl { get; }

    public int Requests { get; private set; }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            Requests++;
            var path = Path.Combine(_folder, context.Request.Url!.AbsolutePath.TrimStart('/'));
            if (!File.Exists(path))
            {
                context.Response.StatusCode = 404;
                context.Response.Close();
                continue;
            }
            var bytes = await File.ReadAllBytesAsync(path);
            context.Response.ContentLength64 = bytes.Length;
            try
            {
                await context.Response.OutputStream.WriteAsync(bytes.AsMemory(0, _cutOffHalfway ? bytes.Length / 2 : bytes.Length));
                if (_cutOffHalfway)
                    context.Response.Abort();
                else
                    context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                context.Response.Abort();
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
