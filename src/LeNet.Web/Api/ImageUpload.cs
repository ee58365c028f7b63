using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace LeNet.Web.Api;

/// <summary>
/// Reads the image of a request — raw bytes, a multipart file or JSON with base64 — within the body limit, refusing an
/// over-size body from its Content-Length before reading it.
/// </summary>
internal static class ImageUpload
{
    private static readonly string[] RawTypes = ["image/png", "image/jpeg", "image/jpg", "image/webp", "image/gif", "image/bmp", "application/octet-stream"];

    /// <summary>
    /// The image bytes and a display name, or the problem to answer with: 413 over <paramref name="limit"/> (however the
    /// body is framed), 408 when the body has not arrived within <paramref name="timeout"/> or trickles in slower than
    /// Kestrel's minimum data rate.
    /// </summary>
    public static async Task<Upload> Read(HttpRequest request, long limit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await ReadChecked(request, limit, deadline.Token);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Upload.Refused(Problems.TooLarge(limit));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            return Upload.Refused(Problems.BodyTimeout(timeout));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Upload.Refused(Problems.BodyTimeout(timeout));
        }
    }

    private static async Task<Upload> ReadChecked(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
            return Upload.Refused(Problems.TooLarge(limit));
        var contentType = request.ContentType;
        if (string.IsNullOrWhiteSpace(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
            return Upload.Refused(Problems.UnsupportedType(contentType));
        var type = mediaType.MediaType.Value?.ToLowerInvariant();

        if (type == "multipart/form-data")
            return await ReadMultipart(request, limit, cancellationToken);
        var body = await ReadBody(request.Body, limit, cancellationToken);
        if (body is null)
            return Upload.Refused(Problems.TooLarge(limit));
        if (type == "application/json")
            return ReadJson(body);
        if (type is not null && RawTypes.Contains(type))
            return body.Length == 0 ? Upload.Refused(Problems.BadRequest("The request body is empty: send the image bytes.")) : new Upload(body, "image");
        return Upload.Refused(Problems.UnsupportedType(contentType));
    }

    private static async Task<Upload> ReadMultipart(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException e) when (e.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase))
        {
            return Upload.Refused(Problems.TooLarge(limit));
        }
        catch (Exception e) when (e is InvalidDataException or IOException && e is not BadHttpRequestException { StatusCode: not StatusCodes.Status400BadRequest })
        {
            // Other form limits (boundary length, field count, header size) are about the form's shape, not its size;
            // Kestrel's 413 (body too large) and 408 (body too slow) go on to Read.
            return Upload.Refused(Problems.BadRequest($"The multipart body is malformed or exceeds a form limit: {e.Message}"));
        }
        var file = form.Files.GetFile("image") ?? form.Files.FirstOrDefault();
        if (file is null)
            return Upload.Refused(Problems.BadRequest("The multipart form has no file: attach the image as the field 'image'."));
        if (file.Length > limit)
            return Upload.Refused(Problems.TooLarge(limit));
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        // The client's file name is only echoed back, never used as a path.
        return new Upload(buffer.ToArray(), Path.GetFileName(file.FileName.Replace('\\', '/')));
    }

    private static Upload ReadJson(byte[] body)
    {
        string? encoded;
        try
        {
            using var document = JsonDocument.Parse(body);
            encoded = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("image", out var image)
                ? image.GetString()
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Upload.Refused(Problems.BadRequest($"The JSON body is invalid: {e.Message}"));
        }
        if (string.IsNullOrEmpty(encoded))
            return Upload.Refused(Problems.BadRequest("The JSON body needs a string property 'image' holding the image as base64 (a data: URL is accepted)."));
        var comma = encoded.StartsWith("data:", StringComparison.Ordinal) ? encoded.IndexOf(',') : -1;
        try
        {
            return new Upload(Convert.FromBase64String(encoded[(comma + 1)..]), "image");
        }
        catch (FormatException)
        {
            return Upload.Refused(Problems.BadRequest("The 'image' property is not valid base64."));
        }
    }

    /// <summary>The whole body, or null when it exceeds <paramref name="limit"/> (reading stops at the limit).</summary>
    private static async Task<byte[]?> ReadBody(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
