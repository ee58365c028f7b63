using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LeNet.Web.Api;

/// <summary>One training run folder the server can see.</summary>
public sealed record RunInfo(string Name, DateTimeOffset Updated, bool Finished);

/// <summary><c>GET /api/runs</c> and <c>GET /api/runs/{name}/metrics</c>: what the live training view polls.</summary>
internal static partial class RunEndpoints
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex RunName();

    public static void MapRuns(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/runs").WithTags("Training runs");
        runs.MapGet("", (WebOptions options) => Results.Ok(List(options.RunsDirectory)))
            .WithSummary("Training runs in the served runs folder, newest first");
        runs.MapGet("/{name}/metrics", (string name, WebOptions options) =>
            {
                // Only plain folder names directly under the runs folder: no separators, no "..", nothing hidden.
                if (!RunName().IsMatch(name) || name.Contains("..", StringComparison.Ordinal))
                    return Problems.BadRequest($"'{name}' is not a run name");
                var file = Path.Combine(Path.GetFullPath(options.RunsDirectory), name, "metrics.json");
                return File.Exists(file)
                    ? Results.Text(ReadShared(file), "application/json")
                    : Problems.Of(StatusCodes.Status404NotFound, "No such run", $"There is no run '{name}' with metrics in the runs folder yet.");
            })
            .WithSummary("The per-epoch metrics of a run, as written so far");
    }

    private static List<RunInfo> List(string directory) =>
        !Directory.Exists(directory)
            ? []
            : [.. new DirectoryInfo(directory).EnumerateDirectories()
                .Where(d => RunName().IsMatch(d.Name) && File.Exists(Path.Combine(d.FullName, "metrics.json")))
                .Select(d => new RunInfo(d.Name, File.GetLastWriteTimeUtc(Path.Combine(d.FullName, "metrics.json")), File.Exists(Path.Combine(d.FullName, "model.lenet"))))
                .OrderByDescending(r => r.Updated)];

    /// <summary>Reads a file a training run may be replacing right now (it is renamed into place, so any read is whole).</summary>
    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
