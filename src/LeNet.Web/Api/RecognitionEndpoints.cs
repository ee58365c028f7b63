using System.Diagnostics;
using LeNet.Inference;
using LeNet.Reporting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LeNet.Web.Api;

/// <summary><c>POST /api/predict</c> and <c>POST /api/read</c>: images in, digits out.</summary>
internal static class RecognitionEndpoints
{
    public static RouteGroupBuilder MapRecognition(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Recognition");
        api.MapPost("/predict", Predict)
            .WithSummary("Read the one digit in an image")
            .WithDescription("Send image bytes (PNG, JPEG, WebP, GIF, BMP), multipart/form-data with a file field 'image', or JSON {\"image\": \"<base64>\"}. " +
                             "?input=true adds the 28 × 28 image the network saw; ?steps=true every preprocessing stage; ?maps=true the convolution feature maps; " +
                             "?profile=NAME reads with that profile's adapted model (the served one until it has adapted). " +
                             "Without them the answer is the reading alone.")
            .Produces<PredictResponse>()
            .ProducesProblem(400).ProducesProblem(408).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(429).ProducesProblem(503)
            .DisableAntiforgery();
        api.MapPost("/read", Read)
            .WithSummary("Read a line of digits")
            .WithDescription("Same inputs as /api/predict. A photo of several lines (a column of numbers) is read line by line: 'lines' lists them top to bottom, " +
                             "and text, unsure and digits are the first's. ?annotate=true adds the image with boxes and labels; ?profile=NAME as for /api/predict.")
            .Produces<ReadResponse>()
            .ProducesProblem(400).ProducesProblem(408).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(429).ProducesProblem(503)
            .DisableAntiforgery();
        return api;
    }

    private static Task<IResult> Predict(HttpRequest request, Profiles.ProfileStore profiles, WebOptions options,
        bool? input, bool? steps, bool? maps, string? profile, CancellationToken cancellationToken) =>
        profile is not null && !Profiles.ProfileName.IsValid(profile)
            ? Task.FromResult(Problems.BadRequest(Profiles.ProfileName.Problem(profile)))
            : WithDecodedImage(request, options, cancellationToken, (image, clock, decoded) =>
        {
            var recognizer = profiles.ReaderFor(profile);
            var stages = steps == true ? new PreprocessingSteps() : null;
            var prediction = recognizer.PredictImage(image, stages);
            var recognized = clock.Elapsed.TotalMilliseconds;
            var field = GrayImage.FromBytes(28, 28, prediction.NetworkInput);
            return Results.Ok(new PredictResponse(prediction.Label, prediction.Probability, prediction.Unsure, prediction.UnsureReason,
                prediction.Top3, prediction.Probabilities, input == true ? DataUrl(field) : null,
                new Timing(decoded, recognized - decoded, clock.Elapsed.TotalMilliseconds),
                stages?.Steps.Select(s => new StepImage(s.Name, s.Image.Width, s.Image.Height, DataUrl(Shrink(s.Image)))).ToList(),
                maps == true ? FeatureMapImagesOf(recognizer, field) : null));
        });

    private static Task<IResult> Read(HttpRequest request, Profiles.ProfileStore profiles, WebOptions options,
        bool? annotate, string? profile, CancellationToken cancellationToken) =>
        profile is not null && !Profiles.ProfileName.IsValid(profile)
            ? Task.FromResult(Problems.BadRequest(Profiles.ProfileName.Problem(profile)))
            : WithDecodedImage(request, options, cancellationToken, (image, clock, decoded) =>
        {
            var readings = profiles.ReaderFor(profile).ReadLines(image);
            var recognized = clock.Elapsed.TotalMilliseconds;
            var annotated = annotate == true
                ? DataUrl(ReadingAnnotation.Render(image, [.. readings.Select(r => (r, (string?)null))]))
                : null;
            var lines = readings.Select(LineResponse.Of).ToList();
            return Results.Ok(new ReadResponse(lines[0].Text, lines[0].Unsure, lines[0].Digits, image.Width, image.Height,
                new Timing(decoded, recognized - decoded, clock.Elapsed.TotalMilliseconds), annotated, lines));
        });

    /// <summary>
    /// Reads and decodes the request's image, then runs <paramref name="handle"/> with it, the request's clock and the
    /// milliseconds decoding took; refused uploads and images become problem responses.
    /// </summary>
    internal static async Task<IResult> WithDecodedImage(HttpRequest request, WebOptions options, CancellationToken cancellationToken,
        Func<GrayImage, Stopwatch, double, IResult> handle)
    {
        var clock = Stopwatch.StartNew();
        var upload = await ImageUpload.Read(request, options.MaxBodyBytes, options.BodyTimeLimit, cancellationToken);
        if (upload is not { Bytes: { } bytes, Problem: null })
            return upload.Problem!;
        var gate = request.HttpContext.RequestServices.GetRequiredService<ComputeGate>();
        var client = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var (slot, busy) = await gate.EnterAsync(client, ImageDecoder.DeclaredPixels(bytes) ?? 0, cancellationToken);
        if (busy is not null)
            return busy;
        using (slot)
        {
            try
            {
                clock.Restart(); // the timings report the server's work, not the client's upload or the queue
                var image = ImageDecoder.Decode(bytes, upload.Name, options.Limits);
                return handle(image, clock, clock.Elapsed.TotalMilliseconds);
            }
            catch (ImageException e)
            {
                return Problems.For(e);
            }
        }
    }

    private static List<FeatureMapImages> FeatureMapImagesOf(DigitRecognizer recognizer, GrayImage field) =>
        [.. recognizer.FeatureMaps(field).Select(map => new FeatureMapImages(map.Layer, map.Height, map.Width,
            [.. Enumerable.Range(0, map.Channels).Select(c => DataUrl(new GrayImage(map.Width, map.Height, map.Normalised(c))))]))];

    /// <summary>Stages of a big photo are shown small: 320 px on the longer side is plenty for a page.</summary>
    private static GrayImage Shrink(GrayImage image)
    {
        var side = Math.Max(image.Width, image.Height);
        return side <= 320 ? image : ImageOps.ResizeArea(image, 320f / side);
    }

    internal static string DataUrl(GrayImage image) => DataUrl(Png.Encode(image));

    /// <summary>PNG bytes as a data URL an <c>img</c> element shows.</summary>
    internal static string DataUrl(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);
}
