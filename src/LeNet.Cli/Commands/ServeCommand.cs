using System.CommandLine;
using LeNet.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet serve</c>: the drawing page and the REST API.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var defaults = new WebOptions();
        var model = SharedOptions.Model();
        var mathModel = new Option<string?>("--math-model") { Description = "Model file (.lenet) reading digits and symbols, for /api/calc. Default: the bundled math model." };
        var urls = new Option<string>("--urls") { Description = "Where to listen (loopback by default).", DefaultValueFactory = _ => defaults.Urls };
        var runtime = SharedOptions.Runtime(defaults.Runtime);
        var runs = new Option<string>("--runs") { Description = "Folder of training runs the /training.html page follows.", DefaultValueFactory = _ => defaults.RunsDirectory };
        var profiles = new Option<string>("--profiles") { Description = "Folder where profiles keep their corrected examples and adapted models (the page's \"Wrong? It was …\" and \"Adapt to my writing\").", DefaultValueFactory = _ => defaults.ProfilesDirectory };
        var forwarded = new Option<bool>("--trust-forwarded-headers")
        {
            Description = "Behind a reverse proxy: take each client's address from X-Forwarded-For (its per-client queue limit then holds per real client). Off by default: any client could claim any address.",
        };
        var command = new Command("serve", "Serve the draw-or-upload page and the REST API (OpenAPI at /openapi/v1.json).")
        {
            model, mathModel, urls, runs, profiles, runtime, forwarded,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = defaults with
            {
                ModelPath = parse.GetValue(model),
                MathModelPath = parse.GetValue(mathModel),
                Urls = parse.GetValue(urls)!,
                RunsDirectory = Path.GetFullPath(parse.GetValue(runs)!),
                ProfilesDirectory = Path.GetFullPath(parse.GetValue(profiles)!),
                Runtime = parse.GetValue(runtime),
                TrustForwardedHeaders = parse.GetValue(forwarded)
            };
            await using var app = WebApp.Build(options, logging => logging.SetMinimumLevel(LogLevel.Warning));
            WarmUp.Run(app.Services.GetRequiredService<Inference.DigitRecognizer>());
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e)
            {
                throw new LeNetException($"--urls {options.Urls}: cannot listen there ({e.Message.TrimEnd('.')})", e);
            }
            context.Console.MarkupLineInterpolated($"LeNet.NET is serving [bold]{string.Join(", ", app.Urls)}[/] — page at /, API at /api, OpenAPI at /openapi/v1.json. Ctrl+C stops.");
            await app.WaitForShutdownAsync(cancellationToken).ContinueWith(_ => { }, CancellationToken.None);
            await app.StopAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }
}
