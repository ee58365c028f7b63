using System.Net;

namespace LeNet.Web;

/// <summary>
/// Checks the addresses the server is asked to listen on before Kestrel sees them. Kestrel binds any host name other
/// than <c>localhost</c> — including a mistyped address such as <c>999.1.1.1</c> — to every interface; here only
/// <c>localhost</c>, an IP address, or an explicit wildcard (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) is
/// accepted, so listening everywhere is always asked for, never an accident.
/// </summary>
public static class ListenUrls
{
    private static readonly string[] Wildcards = ["*", "+"];

    /// <summary>The URLs of <paramref name="urls"/> (separated by <c>;</c>), each checked.</summary>
    /// <exception cref="LeNetException">A URL that is malformed, not http(s), has a path, a host name or a port out of range.</exception>
    public static IReadOnlyList<string> Parse(string urls)
    {
        var list = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length == 0)
            throw Invalid(urls, "no address given");
        foreach (var url in list)
            Check(url);
        return list;
    }

    private static void Check(string url)
    {
        var separator = url.IndexOf("://", StringComparison.Ordinal);
        if (separator < 0 || url[..separator] is not ("http" or "https"))
            throw Invalid(url, "not an http:// or https:// address (e.g. http://127.0.0.1:5000)");
        var hostAndPort = url[(separator + 3)..].TrimEnd('/');
        if (hostAndPort.Contains('/', StringComparison.Ordinal))
            throw Invalid(url, "an address to listen on has no path");
        var colon = hostAndPort.LastIndexOf(':');
        if (colon < 0 || hostAndPort.EndsWith(']'))
            throw Invalid(url, "give the port explicitly (e.g. http://127.0.0.1:5000)");
        var host = hostAndPort[..colon];
        if (!int.TryParse(hostAndPort[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port > 65_535)
            throw Invalid(url, $"port '{hostAndPort[(colon + 1)..]}' is not a number from 0 to 65535");
        if (Wildcards.Contains(host) || host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return;
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (!IPAddress.TryParse(bare, out var address) || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && bare.Count(c => c == '.') != 3))
            throw Invalid(url, $"'{host}' is not an IP address; use one (127.0.0.1 for this machine only), localhost, or * to listen on every interface");
    }

    private static LeNetException Invalid(string url, string problem) => new($"--urls {url}: {problem}");
}
