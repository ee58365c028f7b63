using LeNet.Inference;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeNet.Web.Api;

/// <summary>RFC 7807 problem responses for everything a client can get wrong; never a stack trace.</summary>
internal static class Problems
{
    public static ProblemHttpResult Of(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, type: $"https://httpstatuses.io/{status}");

    public static IResult BadRequest(string detail) => Of(StatusCodes.Status400BadRequest, "The request could not be used", detail);

    public static IResult TooLarge(long limit) =>
        Of(StatusCodes.Status413PayloadTooLarge, "The body is too large", $"The request body exceeds the limit of {limit:N0} bytes.");

    public static IResult UnsupportedType(string? contentType) =>
        Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
            $"Content type '{contentType ?? "(none)"}' is not accepted: send image bytes (image/png, image/jpeg, image/webp, image/gif, image/bmp or application/octet-stream), multipart/form-data with a file, or JSON {{\"image\": \"<base64>\"}}.");

    public static IResult Busy(string detail) => WithRetryAfter(Of(StatusCodes.Status503ServiceUnavailable, "The server is busy", detail));

    public static IResult TooManyFromClient(string detail) => WithRetryAfter(Of(StatusCodes.Status429TooManyRequests, "Too many requests", detail));

    public static IResult BodyTimeout(TimeSpan limit) =>
        Of(StatusCodes.Status408RequestTimeout, "The body arrived too slowly", $"The request body did not arrive within {limit.TotalSeconds:0} seconds.");

    private static IResult WithRetryAfter(ProblemHttpResult result) => new RetryAfter(result);

    /// <summary>Adds <c>Retry-After: 1</c> to a problem response.</summary>
    private sealed class RetryAfter(ProblemHttpResult inner) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => inner.StatusCode;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = "1";
            return inner.ExecuteAsync(httpContext);
        }
    }

    /// <summary>Maps a refused image to its status: 400 undecodable, 413 too large, 415 unsupported, 422 too many pixels.</summary>
    public static IResult For(ImageException error) => error.Problem switch
    {
        ImageProblem.TooManyPixels => Of(StatusCodes.Status422UnprocessableEntity, "The image has too many pixels", error.Message),
        ImageProblem.TooLarge => Of(StatusCodes.Status413PayloadTooLarge, "The image is too large", error.Message),
        ImageProblem.UnsupportedFormat => Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported image format", error.Message),
        _ => Of(StatusCodes.Status400BadRequest, "The image could not be decoded", error.Message),
    };
}
