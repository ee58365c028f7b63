using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeNet.IO;
using LeNet.Tests.Support;
using LeNet.Training;
using Microsoft.Playwright;

namespace LeNet.Tests.Web;

public sealed class TrainingViewTests(ServerWithRuns server) : IClassFixture<ServerWithRuns>
{
    private static EpochMetrics Epoch(int epoch) =>
        new(epoch, 0.5 / epoch, 0.9 + epoch / 100.0, 0.4 / epoch, 0.91 + epoch / 100.0, 0.4 / epoch, 0.92 + epoch / 100.0, 0.001, 3.0, 18_000);

    private void WriteRun(string name, int epochs) =>
        AtomicFile.WriteBytes(Path.Combine(server.RunsDirectory, name, "metrics.json"), Json.ToBytes(Enumerable.Range(1, epochs).Select(Epoch).ToList()));

    [Fact]
    public async Task Runs_are_listed_and_their_metrics_served_as_written()
    {
        WriteRun("listed", 2);
        using var client = server.Client();

        var runs = await client.GetFromJsonAsync<JsonElement>("/api/runs");
        var metrics = await client.GetFromJsonAsync<JsonElement>("/api/runs/listed/metrics");

        Assert.Contains(runs.EnumerateArray(), r => r.GetProperty("name").GetString() == "listed" && !r.GetProperty("finished").GetBoolean());
        Assert.Equal(2, metrics.GetArrayLength());
    }

    [Theory]
    [InlineData("..%2F..%2Fetc", HttpStatusCode.BadRequest)]
    [InlineData(".hidden", HttpStatusCode.BadRequest)]
    [InlineData("absent", HttpStatusCode.NotFound)]
    public async Task Only_run_folders_can_be_read(string name, HttpStatusCode status)
    {
        using var client = server.Client();

        var response = await client.GetAsync($"/api/runs/{name}/metrics");

        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public async Task The_training_page_follows_a_run_as_epochs_are_written()
    {
        WriteRun("live", 1);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, "/training.html").ToString());
        await page.SelectOptionAsync("#run", "live");
        await Assertions.Expect(page.GetByTestId("status")).ToContainTextAsync("1 epoch");

        WriteRun("live", 3);

        await Assertions.Expect(page.GetByTestId("status")).ToContainTextAsync("3 epochs", new LocatorAssertionsToContainTextOptions { Timeout = 10_000 });
    }
}
