using LeNet.Inference;
using LeNet.Web.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeNet.Web;

/// <summary>Composes the web app: the page, the REST API, its OpenAPI document, limits and error handling.</summary>
public static class WebApp
{
    /// <summary>Builds the app (not yet started). The model is loaded once here and shared by every request.</summary>
    /// <exception cref="LeNetException">The model file cannot be loaded.</exception>
    public static WebApplication Build(WebOptions options, Action<ILoggingBuilder>? logging = null)
    {
        var urls = ListenUrls.Parse(options.Urls);
        var recognition = RecognizerOptions.Default with { Threads = options.Threads };
        var recognizer = Engines.Load(options.ModelPath, options.Runtime, recognition);
        var mathReader = Engines.Load(options.MathModelPath, options.Runtime, recognition, Models.BundledModel.Math);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls([.. urls]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // One byte of slack: the endpoints check the limit themselves and answer with a problem document.
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes + 1;
            kestrel.AddServerHeader = false;
        });
        if (logging is not null)
            logging(builder.Logging);
        // The host's only errors are failures to start or stop, which reach the caller as exceptions (a port in use: one
        // line from `lenet serve`); its own log of them is a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(recognizer);
        builder.Services.AddKeyedSingleton(WebOptions.MathReader, mathReader);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "LeNet.NET";
            document.Info.Description = $"Handwritten digits, lines and arithmetic. Limits: request body {options.MaxBodyBytes:N0} bytes (413), " +
                                        $"image {options.Limits.MaxPixels:N0} pixels (422); errors are RFC 7807 problem details.";
            return Task.CompletedTask;
        }));
        builder.Services.AddSingleton(services => new Profiles.ProfileStore(options.ProfilesDirectory, recognizer, options.MaxExamplesPerProfile, options.MaxProfiles,
            services.GetRequiredService<ILoggerFactory>().CreateLogger<Profiles.ProfileStore>()));
        builder.Services.AddSingleton(services => new Profiles.AdaptationJobs(services.GetRequiredService<Profiles.ProfileStore>(),
            new Adaptation.AdaptOptions { Threads = 1 }, services.GetRequiredService<ILoggerFactory>().CreateLogger<Profiles.AdaptationJobs>()));
        builder.Services.AddSingleton(new ComputeGate(options.Slots, options.QueuedRequests, options.QueuedRequestsPerClient));
        if (options.TrustForwardedHeaders)
            builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
            {
                forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                forwarded.KnownIPNetworks.Clear(); // the operator said so: whoever connects is the proxy
                forwarded.KnownProxies.Clear();
            });

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (options.TrustForwardedHeaders)
            app.UseForwardedHeaders();
        app.MapOpenApi("/openapi/v1.json");
        app.MapRecognition();
        app.MapCalc();
        app.MapModel();
        app.MapProfiles();
        app.MapRuns();
        app.MapPage();
        app.Lifetime.ApplicationStopped.Register(recognizer.Dispose);
        app.Lifetime.ApplicationStopped.Register(mathReader.Dispose);
        return app;
    }
}
