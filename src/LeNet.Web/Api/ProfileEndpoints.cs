using LeNet.Web.Profiles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LeNet.Web.Api;

/// <summary>A profile as the API shows it: its examples, whether it has its own model, and its adaptation job.</summary>
public sealed record ProfileResponse(string Name, IReadOnlyDictionary<string, int> Examples, int Total, int Limit, bool Adapted,
    DateTimeOffset? AdaptedUtc, AdaptationStatus? Adaptation);

/// <summary>
/// <c>/api/profiles/{name}</c>: corrections stored per named profile, "adapt to my writing" in the background, and
/// reset. Readings with <c>?profile=NAME</c> use the profile's adapted model.
/// </summary>
internal static class ProfileEndpoints
{
    public static void MapProfiles(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/profiles/{name}").WithTags("Profiles");
        api.MapGet("", Get)
            .WithSummary("A profile: its corrected examples per class, whether it has its own model, its adaptation's progress")
            .Produces<ProfileResponse>().ProducesProblem(400);
        api.MapPost("/examples", AddExample)
            .WithSummary("Store a corrected example: the image (same inputs as /api/predict) and ?label= the class it really is")
            .WithDescription("Stored shrunk to at most 160 px on a side, atomically, in the profile's own folder. Limits: examples per profile and profiles per server (422 beyond).")
            .Produces<ProfileResponse>(StatusCodes.Status201Created)
            .ProducesProblem(400).ProducesProblem(408).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(429).ProducesProblem(503)
            .DisableAntiforgery();
        api.MapPost("/adapt", Adapt)
            .WithSummary("Fine-tune the reader to the profile's examples in the background; poll GET for progress")
            .WithDescription("Answers 202 at once. While a job of the profile is queued or running, asking again returns that job. When done, readings with ?profile=NAME use the adapted model; until then (and if it fails) the previous one.")
            .Produces<ProfileResponse>(StatusCodes.Status202Accepted).ProducesProblem(400).ProducesProblem(409).ProducesProblem(422);
        api.MapDelete("", Reset)
            .WithSummary("Reset: forget the profile's examples and its adapted model")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(400);
    }

    private static IResult Get(string name, ProfileStore store, AdaptationJobs jobs) =>
        ProfileName.IsValid(name) ? Results.Ok(Response(name, store, jobs)) : Problems.BadRequest(ProfileName.Problem(name));

    private static async Task<IResult> AddExample(string name, string? label, HttpRequest request, ProfileStore store, AdaptationJobs jobs, WebOptions options,
        CancellationToken cancellationToken)
    {
        if (!ProfileName.IsValid(name))
            return Problems.BadRequest(ProfileName.Problem(name));
        if (string.IsNullOrEmpty(label))
            return Problems.BadRequest("?label=: say which class the image really is");
        return await RecognitionEndpoints.WithDecodedImage(request, options, cancellationToken, (image, _, _) =>
            store.Add(name, image, label, cancellationToken) is { } problem
                ? Problems.Of(StatusCodes.Status422UnprocessableEntity, "The example was not stored", problem)
                : Results.Created($"/api/profiles/{name}", Response(name, store, jobs)));
    }

    private static IResult Adapt(string name, ProfileStore store, AdaptationJobs jobs)
    {
        if (!ProfileName.IsValid(name))
            return Problems.BadRequest(ProfileName.Problem(name));
        if (store.BaseReader.Content is null)
            return Problems.Of(StatusCodes.Status409Conflict, "This server cannot adapt", $"the served model runs on the {store.BaseReader.Engine} runtime; profiles adapt the default (fast) runtime's model");
        if (store.State(name).Total == 0)
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, "Nothing to adapt to", $"profile '{name}' has no corrected examples yet: correct a reading first");
        jobs.Start(name);
        return Results.Accepted($"/api/profiles/{name}", Response(name, store, jobs));
    }

    private static async Task<IResult> Reset(string name, ProfileStore store, AdaptationJobs jobs, CancellationToken cancellationToken)
    {
        if (!ProfileName.IsValid(name))
            return Problems.BadRequest(ProfileName.Problem(name));
        jobs.Cancel(name);
        await store.ResetAsync(name, cancellationToken);
        return Results.NoContent();
    }

    private static ProfileResponse Response(string name, ProfileStore store, AdaptationJobs jobs)
    {
        var state = store.State(name);
        return new ProfileResponse(name, state.Examples, state.Total, state.Limit, state.Adapted, state.AdaptedUtc, jobs.StatusOf(name));
    }
}
