using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LeNet.Web;

/// <summary>Serves the page from resources embedded in this assembly: works offline, from any install location.</summary>
internal static class StaticPage
{
    private static readonly Dictionary<string, string> ContentTypes = new()
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static void MapPage(this IEndpointRouteBuilder app)
    {
        var assembly = typeof(StaticPage).Assembly;
        var files = assembly.GetManifestResourceNames().Where(n => n.StartsWith("wwwroot/", StringComparison.Ordinal)).ToList();
        foreach (var resource in files)
        {
            var path = resource["wwwroot".Length..];
            var content = Read(assembly, resource);
            var type = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
            app.MapGet(path, () => Results.Bytes(content, type)).ExcludeFromDescription();
            if (path == "/index.html")
                app.MapGet("/", () => Results.Bytes(content, type)).ExcludeFromDescription();
        }
    }

    private static byte[] Read(System.Reflection.Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
