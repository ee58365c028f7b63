using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LeNet.Inference;
using LeNet.Tests.Support;

namespace LeNet.Tests.Web;

public sealed class ApiTests(LiveServer server) : IClassFixture<LiveServer>
{
    private static ByteArrayContent Image(byte[] bytes, string type = "image/jpeg")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string detailFragment)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json(response);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Contains(detailFragment, problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("   at ", problem.ToString());
    }

    [Fact]
    public async Task Health_answers_ok()
    {
        using var client = server.Client();

        var health = await client.GetFromJsonAsync<JsonElement>("/healthz");

        Assert.Equal("ok", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Model_describes_the_bundled_network()
    {
        using var client = server.Client();

        var model = await client.GetFromJsonAsync<JsonElement>("/api/model");

        Assert.Equal("lenet5", model.GetProperty("architecture").GetString());
        // Three LeNet-5s, each 61,706 parameters with one more output (none of these): 84 + 1 more in fc3.
        Assert.Equal(3 * (61_706 + 85), model.GetProperty("parameters").GetInt64());
        Assert.True(model.GetProperty("bundled").GetBoolean());
    }

    [Fact]
    public async Task Predict_reads_a_photo_sent_as_raw_bytes_with_probabilities_and_timing()
    {
        using var client = server.Client();

        var response = await client.PostAsync("/api/predict?maps=true&steps=true&input=true", Image(Samples.Bytes("digit-7.jpg")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await Json(response);
        Assert.Equal("7", result.GetProperty("digit").GetString());
        Assert.False(result.GetProperty("unsure").GetBoolean());
        Assert.Equal(10, result.GetProperty("probabilities").GetArrayLength());
        Assert.Equal(3, result.GetProperty("top3").GetArrayLength());
        Assert.StartsWith("data:image/png;base64,", result.GetProperty("networkInput").GetString());
        Assert.True(result.GetProperty("timing").GetProperty("totalMs").GetDouble() > 0);
        var maps = result.GetProperty("featureMaps").EnumerateArray().ToList();
        Assert.Equal([6, 16], maps.Select(m => m.GetProperty("channels").GetArrayLength()));
        Assert.True(result.GetProperty("steps").GetArrayLength() >= 6);
    }

    [Fact]
    public async Task Calc_reads_a_handwritten_sum_and_computes_it_exactly()
    {
        using var client = server.Client();

        var response = await client.PostAsync("/api/calc?annotate=true", Image(Samples.Bytes("sum-4.jpg")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await Json(response);
        Assert.Equal("7÷2=", result.GetProperty("expression").GetString());
        Assert.Equal("3.5", result.GetProperty("value").GetString());
        Assert.Equal("3.5", result.GetProperty("valueDisplay").GetString());
        Assert.Equal(4, result.GetProperty("symbols").GetArrayLength());
        Assert.All(result.GetProperty("symbols").EnumerateArray(), s => Assert.True(s.GetProperty("box").GetProperty("width").GetInt32() > 0));
        Assert.StartsWith("data:image/png;base64,", result.GetProperty("annotated").GetString());
    }

    [Fact]
    public async Task Calc_checks_an_equation_with_a_right_side()
    {
        using var client = server.Client();

        var result = await Json(await client.PostAsync("/api/calc", Image(Samples.Bytes("sum-5.jpg"))));

        Assert.Equal("3+4=7", result.GetProperty("expression").GetString());
        Assert.True(result.GetProperty("holds").GetBoolean());
        Assert.Equal("3+4=7", Assert.Single(result.GetProperty("lines").EnumerateArray()).GetProperty("expression").GetString());
    }

    [Theory]
    [InlineData("/api/calc", LeNet.Synthesis.LineKind.Arithmetic, "expression")]
    [InlineData("/api/read", LeNet.Synthesis.LineKind.Digits, "text")]
    public async Task A_photo_of_several_lines_is_read_line_by_line_and_the_first_line_answers_as_a_single_one_would(string endpoint, LeNet.Synthesis.LineKind kind,
        string field)
    {
        // A worksheet by a validation pen writer: its lines top to bottom, each read and (sums) computed.
        var pen = LeNet.Synthesis.Writers.Hands(LeNet.Synthesis.StyleSplit.Validation, 4)[1];
        var page = LeNet.Synthesis.PagePhotos.Create(_ => pen, kind, count: 1, seed: 7, threads: 1)[0];
        using var client = server.Client();

        var result = await Json(await client.PostAsync($"{endpoint}?annotate=true", Image(page.Photo)));

        var lines = result.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty(field).GetString()).ToList();
        Assert.Equal(page.Lines.Count, lines.Count);
        Assert.True(lines.Zip(page.Lines).Count(l => l.First == l.Second) >= page.Lines.Count - 1, string.Join(" | ", lines));
        Assert.Equal(lines[0], result.GetProperty(field).GetString());
        Assert.StartsWith("data:image/png;base64,", result.GetProperty("annotated").GetString());
    }

    [Fact]
    public async Task Calc_refuses_what_is_not_an_image_with_a_problem_document()
    {
        using var client = server.Client();

        var response = await client.PostAsync("/api/calc", Image(Encoding.UTF8.GetBytes("<html></html>"), "image/png"));

        await AssertProblem(response, HttpStatusCode.BadRequest, "HTML");
    }

    [Fact]
    public async Task Predict_accepts_a_multipart_upload_and_a_base64_JSON_body()
    {
        using var client = server.Client();
        using var form = new MultipartFormDataContent { { Image(Samples.Bytes("digit-7.jpg")), "image", "../../etc/passwd.jpg" } };
        var json = JsonContent.Create(new { image = "data:image/jpeg;base64," + Convert.ToBase64String(Samples.Bytes("digit-4.jpg")) });

        var fromForm = await Json(await client.PostAsync("/api/predict", form));
        var fromJson = await Json(await client.PostAsync("/api/predict", json));

        Assert.Equal("7", fromForm.GetProperty("digit").GetString());
        Assert.Equal("4", fromJson.GetProperty("digit").GetString());
    }

    [Fact]
    public async Task Read_returns_the_digits_of_a_line_with_boxes_and_an_annotated_image()
    {
        using var client = server.Client();

        var result = await Json(await client.PostAsync("/api/read?annotate=true", Image(Samples.Bytes("line-012345.jpg"))));

        Assert.Equal("012345", result.GetProperty("text").GetString());
        var boxes = result.GetProperty("digits").EnumerateArray().Select(d => d.GetProperty("box").GetProperty("left").GetInt32()).ToList();
        Assert.Equal(boxes.Order(), boxes);
        Assert.StartsWith("data:image/png;base64,", result.GetProperty("annotated").GetString());
    }

    [Fact]
    public async Task OpenAPI_documents_every_endpoint()
    {
        using var client = server.Client();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/predict", paths);
        Assert.Contains("/api/read", paths);
        Assert.Contains("/api/model", paths);
        Assert.Contains("/healthz", paths);
    }

    [Fact]
    public async Task The_page_is_served_without_any_external_resource()
    {
        using var client = server.Client();

        var html = await client.GetStringAsync("/");
        var script = await client.GetStringAsync("/app.js");

        Assert.Contains("<canvas id=\"pad\"", html);
        Assert.DoesNotContain("http://", html + script);
        Assert.DoesNotContain("https://", html + script);
    }

    [Fact]
    public async Task Undecodable_bytes_are_400()
    {
        using var client = server.Client();

        await AssertProblem(await client.PostAsync("/api/predict", Image("<html>not an image</html>"u8.ToArray(), "image/png")), HttpStatusCode.BadRequest, "HTML");
    }

    [Theory]
    [InlineData("{not json", "invalid")]
    [InlineData("{\"image\": \"@@@not-base64@@@\"}", "base64")]
    [InlineData("{\"picture\": 1}", "'image'")]
    public async Task Bad_JSON_bodies_are_400(string body, string detail)
    {
        using var client = server.Client();

        await AssertProblem(await client.PostAsync("/api/predict", new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, detail);
    }

    [Fact]
    public async Task An_empty_body_is_400_and_multipart_without_a_file_is_400()
    {
        using var client = server.Client();
        using var form = new MultipartFormDataContent { { new StringContent("x"), "note" } };

        await AssertProblem(await client.PostAsync("/api/predict", Image([], "image/png")), HttpStatusCode.BadRequest, "empty");
        await AssertProblem(await client.PostAsync("/api/read", form), HttpStatusCode.BadRequest, "no file");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_naming_the_limit()
    {
        using var client = server.Client();

        // Expect: 100-continue lets the client hear the 413 before sending a body the server will not read.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/predict") { Content = Image(new byte[11 << 20], "image/png") };
        request.Headers.ExpectContinue = true;

        await AssertProblem(await client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "10,485,760 bytes");
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("multipart/form-data")]
    public async Task A_chunked_body_over_the_limit_is_413_too(string type)
    {
        using var client = server.Client();
        byte[] body = type == "image/png"
            ? new byte[11 << 20]
            : [.. "--x\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\n"u8, .. new byte[11 << 20], .. "\r\n--x--\r\n"u8];
        var stream = new StreamContent(new MemoryStream(body));
        stream.Headers.ContentType = MediaTypeHeaderValue.Parse(type == "image/png" ? type : "multipart/form-data; boundary=x");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/predict") { Content = stream };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_small_multipart_body_with_an_overlong_boundary_is_400_not_413()
    {
        using var client = server.Client();
        var boundary = new string('b', 200);
        var body = $"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\nxyz\r\n--{boundary}--\r\n";
        var content = new StringContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");

        var response = await client.PostAsync("/api/predict", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("10,485,760", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reading_pure_noise_gives_no_text_and_says_unsure()
    {
        var random = new Random(1);
        var noise = GrayImage.Blank(300, 100);
        for (var i = 0; i < noise.Pixels.Length; i++)
            noise.Pixels[i] = (float)random.NextDouble();

        var result = await Json(await server.Client().PostAsync("/api/read", Image(LeNet.Reporting.Png.Encode(noise), "image/png")));

        Assert.Equal("", result.GetProperty("text").GetString());
        Assert.True(result.GetProperty("unsure").GetBoolean());
    }

    [Fact]
    public async Task An_SVG_is_415_an_unsupported_format() =>
        await AssertProblem(await server.Client().PostAsync("/api/predict",
            Image("<svg xmlns='http://www.w3.org/2000/svg'><circle r='5'/></svg>"u8.ToArray(), "image/png")), HttpStatusCode.UnsupportedMediaType, "SVG");

    [Fact]
    public async Task The_network_input_picture_comes_only_when_asked_for()
    {
        using var client = server.Client();

        var plain = await Json(await client.PostAsync("/api/predict", Image(Samples.Bytes("digit-7.jpg"))));
        var asked = await Json(await client.PostAsync("/api/predict?input=true", Image(Samples.Bytes("digit-7.jpg"))));

        Assert.Equal(System.Text.Json.JsonValueKind.Null, plain.GetProperty("networkInput").ValueKind);
        Assert.StartsWith("data:image/png;base64,", asked.GetProperty("networkInput").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task Other_content_types_are_415(string? type)
    {
        using var client = server.Client();
        var content = new ByteArrayContent("hello"u8.ToArray());
        content.Headers.ContentType = type is null ? null : new MediaTypeHeaderValue(type);

        await AssertProblem(await client.PostAsync("/api/predict", content), HttpStatusCode.UnsupportedMediaType, "not accepted");
    }

    [Fact]
    public async Task An_image_over_the_pixel_limit_is_422()
    {
        using var client = server.Client();

        await AssertProblem(await client.PostAsync("/api/read", Image(HostileImages.PngDeclaring(100_000, 100_000), "image/png")),
            (HttpStatusCode)422, "64,000,000 pixels");
    }

    [Fact]
    public async Task The_server_keeps_serving_after_bad_requests()
    {
        using var client = server.Client();
        for (var i = 0; i < 5; i++)
            await client.PostAsync("/api/predict", Image([1, 2, 3], "image/png"));

        var response = await client.PostAsync("/api/predict", Image(Samples.Bytes("digit-1.jpg")));

        Assert.Equal("1", (await Json(response)).GetProperty("digit").GetString());
    }
}

public sealed class RateLimitTests(TightlyLimitedServer server) : IClassFixture<TightlyLimitedServer>
{
    [Fact]
    public async Task A_client_with_too_many_requests_in_progress_gets_429_with_Retry_After()
    {
        using var client = server.Client();
        var photo = File.ReadAllBytes(Samples.File("line-012345.jpg"));

        // Whether two of a burst overlap on the server depends on scheduling, so bursts repeat until one does
        // (the gate's own rules are tested deterministically in ComputeGateTests).
        HttpResponseMessage[] responses = [];
        List<HttpResponseMessage> rejected = [];
        for (var burst = 0; burst < 5 && rejected.Count == 0; burst++)
        {
            responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            {
                var content = new ByteArrayContent(photo);
                content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                return client.PostAsync("/api/read?annotate=true", content);
            }));
            rejected = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        }

        Assert.NotEmpty(rejected);
        Assert.All(rejected, r => Assert.Equal("1", r.Headers.GetValues("Retry-After").Single()));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
    }
}
