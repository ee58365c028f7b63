using LeNet.Inference;
using LeNet.Reporting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LeNet.Web.Api;

/// <summary><c>POST /api/calc</c>: a handwritten sum in, the expression and its exact value out.</summary>
internal static class CalcEndpoints
{
    public static void MapCalc(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api").WithTags("Recognition").MapPost("/calc", Calc)
            .WithSummary("Read a handwritten sum and compute it")
            .WithDescription("Same inputs as /api/predict: digits, + − × ÷ (also x, *, · and /, :), brackets and =. '=' at the end computes; " +
                             "'=' with a right side checks the equation. The value is exact (7÷2 → 3.5, 1÷3 → 1/3). A photo of several sums (a worksheet) is read line by line: " +
                             "'lines' lists them top to bottom, and the other fields are the first's. ?annotate=true adds the image with boxes and labels.")
            .Produces<CalcResponse>()
            .ProducesProblem(400).ProducesProblem(408).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(429).ProducesProblem(503)
            .DisableAntiforgery();

    private static Task<IResult> Calc(HttpRequest request, [FromKeyedServices(WebOptions.MathReader)] DigitRecognizer reader, WebOptions options,
        bool? annotate, CancellationToken cancellationToken) =>
        RecognitionEndpoints.WithDecodedImage(request, options, cancellationToken, (image, clock, decoded) =>
        {
            var sums = reader.ReadExpressions(image);
            var recognized = clock.Elapsed.TotalMilliseconds;
            var annotated = annotate == true
                ? RecognitionEndpoints.DataUrl(ReadingAnnotation.Render(image, [.. sums.Select(s => (s.Line, (string?)s.Result.Display))]))
                : null;
            var lines = sums.Select(SumResponse.Of).ToList();
            var first = lines[0];
            return Results.Ok(new CalcResponse(first.Expression, first.Value, first.ValueDisplay, first.RightSide, first.Holds, first.Problem, first.Symbols,
                image.Width, image.Height, new Timing(decoded, recognized - decoded, clock.Elapsed.TotalMilliseconds), annotated, lines));
        });
}
