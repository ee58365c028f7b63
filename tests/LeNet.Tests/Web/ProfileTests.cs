using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LeNet.Models;
using LeNet.Tests.Support;

namespace LeNet.Tests.Web;

/// <summary>
/// Profiles through the API: corrections stored per profile, adaptation in the background, reset — and what an
/// attacker or a careless client does to them (path-like names, thousands of corrections, two adaptations at once).
/// </summary>
public sealed class ProfileTests(ServerWithSmallProfiles server) : IClassFixture<ServerWithSmallProfiles>
{
    private static ByteArrayContent Png(LeNet.Inference.GrayImage image)
    {
        var content = new ByteArrayContent(LeNet.Reporting.Png.Encode(image));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<JsonElement> WaitUntilAdapted(HttpClient client, string profile)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var state = await Json(await client.GetAsync($"/api/profiles/{profile}"));
            var job = state.GetProperty("adaptation");
            if (job.ValueKind == JsonValueKind.Object && job.GetProperty("state").GetString() is "done" or "failed")
                return state;
            await Task.Delay(200);
        }
        throw new TimeoutException($"profile {profile} did not finish adapting");
    }

    [Fact]
    public async Task A_corrected_habit_is_read_right_after_adapting_only_in_its_own_profile_and_reset_forgets_it()
    {
        using var client = server.Client();
        var letters = LetterWriter.Write('L', 9, seed: 11);
        foreach (var letter in letters.Take(8))
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/profiles/ana/examples?label=4", Png(letter))).StatusCode);
        var probe = letters[8];
        Assert.NotEqual("4", (await Json(await client.PostAsync("/api/predict?profile=ana", Png(probe)))).GetProperty("digit").GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/profiles/ana/adapt", null)).StatusCode);
        var state = await WaitUntilAdapted(client, "ana");

        Assert.Equal("done", state.GetProperty("adaptation").GetProperty("state").GetString());
        Assert.True(state.GetProperty("adapted").GetBoolean());
        Assert.Equal(8, state.GetProperty("examples").GetProperty("4").GetInt32());
        Assert.Equal("4", (await Json(await client.PostAsync("/api/predict?profile=ana", Png(probe)))).GetProperty("digit").GetString());
        Assert.NotEqual("4", (await Json(await client.PostAsync("/api/predict?profile=bob", Png(probe)))).GetProperty("digit").GetString());
        Assert.NotEqual("4", (await Json(await client.PostAsync("/api/predict", Png(probe)))).GetProperty("digit").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/profiles/ana")).StatusCode);
        Assert.NotEqual("4", (await Json(await client.PostAsync("/api/predict?profile=ana", Png(probe)))).GetProperty("digit").GetString());
        Assert.False(Directory.Exists(Path.Combine(server.ProfilesDirectory, "ana")));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("..%2F..%2Fetc")]
    [InlineData("a%2Fb")]
    [InlineData("~root")]
    [InlineData("name%00.png")]
    [InlineData("a-name-that-is-far-too-long-to-be-a-profile-name-at-all")]
    public async Task A_path_like_profile_name_is_refused_and_nothing_is_written_outside_the_profiles_folder(string name)
    {
        using var client = server.Client();
        var outside = Directory.GetParent(server.ProfilesDirectory)!.EnumerateFileSystemInfos().Count();

        var stored = await client.PostAsync($"/api/profiles/{name}/examples?label=4", Png(LetterWriter.Write('L', 1, 1)[0]));
        var read = await client.PostAsync($"/api/predict?profile={name}", Png(LetterWriter.Write('L', 1, 1)[0]));
        var reset = await client.DeleteAsync($"/api/profiles/{name}");

        Assert.Contains(stored.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.NotFound });
        Assert.Equal(HttpStatusCode.BadRequest, read.StatusCode);
        Assert.Contains(reset.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.NotFound });
        Assert.All(Directory.EnumerateFileSystemEntries(server.ProfilesDirectory), entry =>
            Assert.True(Directory.Exists(entry) && LeNet.Web.Profiles.ProfileName.IsValid(Path.GetFileName(entry)), entry));
        Assert.Equal(outside, Directory.GetParent(server.ProfilesDirectory)!.EnumerateFileSystemInfos().Count());
    }

    [Fact]
    public async Task Ten_thousand_corrections_in_a_loop_stop_at_the_limit_and_the_server_keeps_answering()
    {
        using var client = server.Client();
        var image = LeNet.Reporting.Png.Encode(LetterWriter.Write('L', 1, 1)[0]);
        var statuses = new Dictionary<HttpStatusCode, int>();

        for (var i = 0; i < 10_000; i++)
        {
            using var content = new ByteArrayContent(image);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            using var response = await client.PostAsync("/api/profiles/limit/examples?label=7", content);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
        }

        Assert.Equal(ServerWithSmallProfiles.Limit, statuses[HttpStatusCode.Created]);
        Assert.Equal(10_000 - ServerWithSmallProfiles.Limit, statuses[HttpStatusCode.UnprocessableEntity]);
        Assert.Equal(ServerWithSmallProfiles.Limit, Directory.EnumerateFiles(Path.Combine(server.ProfilesDirectory, "limit"), "*.png", SearchOption.AllDirectories).Count());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var refused = await Json(await client.PostAsync("/api/profiles/limit/examples?label=7", Png(LetterWriter.Write('L', 1, 1)[0])));
        Assert.Contains($"holds {ServerWithSmallProfiles.Limit} examples", refused.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Two_clients_adapting_one_profile_at_once_share_one_job_and_its_model_loads()
    {
        using var first = server.Client();
        using var second = server.Client();
        foreach (var letter in LetterWriter.Write('L', 3, seed: 5))
            await first.PostAsync("/api/profiles/twice/examples?label=4", Png(letter));

        var answers = await Task.WhenAll(first.PostAsync("/api/profiles/twice/adapt", null), second.PostAsync("/api/profiles/twice/adapt", null));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var jobs = await Task.WhenAll(answers.Select(async a => (await Json(a)).GetProperty("adaptation").GetProperty("startedUtc").GetString()));
        Assert.Equal(jobs[0], jobs[1]);
        Assert.Equal("done", (await WaitUntilAdapted(first, "twice")).GetProperty("adaptation").GetProperty("state").GetString());
        Assert.NotNull(ModelFileContent.Read(Path.Combine(server.ProfilesDirectory, "twice", "model.lenet")).Metadata.Adapted);
    }

    [Fact]
    public async Task A_correction_without_a_label_or_with_one_the_model_does_not_read_is_refused_and_adapting_nothing_is_refused()
    {
        using var client = server.Client();
        var letter = LetterWriter.Write('L', 1, 1)[0];

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/profiles/careless/examples", Png(letter))).StatusCode);
        var wrongLabel = await client.PostAsync("/api/profiles/careless/examples?label=..", Png(letter));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongLabel.StatusCode);
        Assert.Contains("not one of the classes", (await Json(wrongLabel)).GetProperty("detail").GetString());
        var nothing = await client.PostAsync("/api/profiles/careless/adapt", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nothing.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(server.ProfilesDirectory, "careless")));
    }
}

/// <summary>A server killed (kill -9) while it adapts a profile: the profile's previous model is intact and still loads.</summary>
public sealed class ProfileCrashTests
{
    [Fact]
    public async Task Kill_9_during_adaptation_leaves_the_previous_model_of_the_profile_loading()
    {
        using var temp = new TempFolder();
        var profile = Path.Combine(temp.Path, "kim");
        LetterWriter.Save(Path.Combine(profile, "examples"), "4", LetterWriter.Write('L', 8, seed: 3));
        var previous = ModelFileContent.BundledBytes(BundledModel.Digits);
        File.WriteAllBytes(Path.Combine(profile, "model.lenet"), previous);
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        using (var server = ChildProcess.StartLenet("serve", "--urls", client.BaseAddress.ToString(), "--profiles", temp.Path))
        {
            await Eventually(async () => (await client.GetAsync("/healthz")).IsSuccessStatusCode, server);
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/profiles/kim/adapt", null)).StatusCode);
            await Eventually(async () =>
            {
                var job = JsonDocument.Parse(await client.GetStringAsync("/api/profiles/kim")).RootElement.GetProperty("adaptation");
                return job.GetProperty("state").GetString() == "running" && job.GetProperty("progress").GetDouble() > 0.2;
            }, server);
            server.Signal("KILL");
            server.WaitForExit(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(previous, File.ReadAllBytes(Path.Combine(profile, "model.lenet")));
        Assert.NotNull(ModelFileContent.Read(Path.Combine(profile, "model.lenet")).Metadata);
    }

    private static async Task Eventually(Func<Task<bool>> condition, ChildProcess server)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline && !server.HasExited)
        {
            try
            {
                if (await condition())
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the server did not get there: {server.Output}");
    }
}
