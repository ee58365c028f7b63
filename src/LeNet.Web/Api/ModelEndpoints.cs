using LeNet.Inference;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LeNet.Web.Api;

/// <summary><c>GET /api/model</c> and <c>GET /healthz</c>.</summary>
internal static class ModelEndpoints
{
    public static void MapModel(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/model", (DigitRecognizer recognizer, WebOptions options) =>
            {
                var m = recognizer.Metadata;
                return Results.Ok(new ModelResponse(m.Architecture, m.Dataset, m.ClassNames, m.InputShape, m.TestAccuracy, m.Epochs,
                    m.CreatedUtc, m.ProjectVersion, m.Temperature, recognizer.Parameters, options.ModelPath is null, recognizer.Engine));
            })
            .WithTags("Model")
            .WithSummary("The served model's metadata")
            .Produces<ModelResponse>();
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }))
            .WithTags("Health")
            .WithSummary("Liveness: the app is up and its model is loaded");
    }
}
