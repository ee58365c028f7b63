using LeNet.Tests.Support;
using Microsoft.Playwright;

namespace LeNet.Tests.Web;

/// <summary>
/// The page in a real browser (Debian's Chromium driven by Playwright): draw with the mouse, upload a photo, read the
/// answers the way a person would. A screenshot is kept as a test artifact (browser-page.png in the test output).
/// </summary>
public sealed class BrowserTests(FastLiveServer server) : IClassFixture<FastLiveServer>, IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (.ci/run does)");
        _playwright = await Playwright.CreateAsync();
        // Playwright gives every launch a fresh, empty profile (user data directory) of its own.
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    private async Task<IPage> OpenPage(int width = 1280, int height = 900)
    {
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        await page.GotoAsync(server.BaseAddress.ToString());
        return page;
    }

    /// <summary>Drags the mouse through <paramref name="points"/> (fractions of the pad) as one stroke.</summary>
    private static Task Stroke(IPage page, params (double X, double Y)[] points) => StrokeOn(page, "#pad", points);

    /// <summary>Drags the mouse through <paramref name="points"/> (fractions of the canvas <paramref name="canvas"/>) as one stroke.</summary>
    private static async Task StrokeOn(IPage page, string canvas, params (double X, double Y)[] points)
    {
        await page.Locator(canvas).ScrollIntoViewIfNeededAsync(); // the mouse reaches only what is on screen
        var pad = (await page.Locator(canvas).BoundingBoxAsync())!;
        await page.Mouse.MoveAsync((float)(pad.X + points[0].X * pad.Width), (float)(pad.Y + points[0].Y * pad.Height));
        await page.Mouse.DownAsync();
        foreach (var (x, y) in points.Skip(1))
            await page.Mouse.MoveAsync((float)(pad.X + x * pad.Width), (float)(pad.Y + y * pad.Height), new MouseMoveOptions { Steps = 12 });
        await page.Mouse.UpAsync();
    }

    [Fact]
    public async Task Drawing_a_seven_with_the_mouse_shows_seven()
    {
        var page = await OpenPage();

        await Stroke(page, (0.25, 0.22), (0.75, 0.22), (0.45, 0.82)); // the bar, then the long diagonal

        await Assertions.Expect(page.GetByTestId("digit")).ToHaveTextAsync("7", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        Assert.Equal(16, await page.Locator("#maps .layer").Nth(1).Locator("img").CountAsync()); // conv2's feature maps
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "browser-page.png"), FullPage = true });
    }

    [Fact]
    public async Task Clear_empties_the_answer_and_undo_removes_the_last_stroke()
    {
        var page = await OpenPage();
        await Stroke(page, (0.5, 0.15), (0.5, 0.85));
        await Assertions.Expect(page.GetByTestId("digit")).ToHaveTextAsync("1", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });

        await page.ClickAsync("#clear");

        await Assertions.Expect(page.GetByTestId("digit")).ToHaveTextAsync("–");
    }

    [Fact]
    public async Task Writing_a_sum_with_the_mouse_shows_it_read_and_computed_with_its_boxes()
    {
        var page = await OpenPage();

        await StrokeOn(page, "#sum-pad", (0.10, 0.2), (0.10, 0.8));                                   // 1
        await StrokeOn(page, "#sum-pad", (0.21, 0.5), (0.33, 0.5));                                   // + (the bar)
        await StrokeOn(page, "#sum-pad", (0.27, 0.32), (0.27, 0.68));                                 // + (the stem)
        await StrokeOn(page, "#sum-pad", (0.41, 0.32), (0.45, 0.2), (0.50, 0.22), (0.52, 0.33), (0.42, 0.8), (0.54, 0.8)); // 2
        await StrokeOn(page, "#sum-pad", (0.62, 0.42), (0.74, 0.42));                                 // =
        await StrokeOn(page, "#sum-pad", (0.62, 0.58), (0.74, 0.58));

        await Assertions.Expect(page.GetByTestId("sum-outcome")).ToHaveTextAsync("1+2 = 3", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#sum-annotated")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "browser-sum.png"), FullPage = true });
    }

    [Fact]
    public async Task Uploading_a_photo_shows_its_digit_the_preprocessing_steps_and_the_boxes()
    {
        var page = await OpenPage(width: 390, height: 844); // a phone-sized viewport

        await page.SetInputFilesAsync("#file", Samples.File("digit-7.jpg"));

        await Assertions.Expect(page.GetByTestId("upload-digit")).ToHaveTextAsync("7", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        Assert.True(await page.Locator("#steps figure").CountAsync() >= 6);
        await page.SetInputFilesAsync("#file", Samples.File("line-012345.jpg"));
        await Assertions.Expect(page.GetByTestId("upload-line")).ToHaveTextAsync("012345", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        await page.SetInputFilesAsync("#file", Samples.File("sum-2.jpg"));
        await Assertions.Expect(page.GetByTestId("upload-sum")).ToHaveTextAsync("(7×1)−(4−1)+5 = 9", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "browser-upload-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task Uploading_a_photo_of_a_worksheet_shows_every_sum_on_it_computed_on_a_line_of_its_own()
    {
        var pen = LeNet.Synthesis.Writers.Hands(LeNet.Synthesis.StyleSplit.Validation, 4)[1];
        var worksheet = LeNet.Synthesis.PagePhotos.Create(_ => pen, LeNet.Synthesis.LineKind.Arithmetic, count: 1, seed: 7, threads: 1)[0];
        var file = Path.Combine(Path.GetTempPath(), $"worksheet-{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(file, worksheet.Photo);
        try
        {
            var page = await OpenPage();

            await page.SetInputFilesAsync("#file", file);

            await Assertions.Expect(page.GetByTestId("upload-sum")).Not.ToHaveTextAsync("–", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
            var sums = (await page.GetByTestId("upload-sum").InnerTextAsync()).Split('\n');
            Assert.Equal(worksheet.Lines.Count, sums.Length);
            Assert.Equal(worksheet.Lines.Count, (await page.GetByTestId("upload-line").InnerTextAsync()).Split('\n').Length);
            Assert.All(sums, sum => Assert.Matches(" = |✓|✗|: ", sum));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Correcting_a_reading_and_adapting_makes_the_page_read_that_writing_as_corrected()
    {
        var page = await OpenPage();
        await page.FillAsync("#profile", $"browser-{Guid.NewGuid():N}"[..20]);
        await page.DispatchEventAsync("#profile", "change");
        (double, double)[] habit = [(0.35, 0.2), (0.35, 0.8), (0.72, 0.8)]; // an 'L' where a 4 is meant
        await Stroke(page, habit);
        await Assertions.Expect(page.GetByTestId("digit")).Not.ToHaveTextAsync("–", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("digit")).Not.ToHaveTextAsync("4");

        for (var i = 0; i < 3; i++)
        {
            if (i > 0)
            {
                await page.ClickAsync("#clear");
                await Stroke(page, [.. habit.Select(p => (p.Item1 + 0.04 * i, p.Item2 - 0.03 * i))]);
            }
            await page.SelectOptionAsync("#correct-label", "4");
            await page.ClickAsync("#correct");
            await Assertions.Expect(page.GetByTestId("profile-status")).ToContainTextAsync($"{i + 1} of", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
        }
        await page.ClickAsync("#adapt");
        await Assertions.Expect(page.GetByTestId("profile-status")).ToContainTextAsync("Adapted.", new LocatorAssertionsToContainTextOptions { Timeout = 120_000 });
        await page.ClickAsync("#clear");
        await Stroke(page, habit);

        await Assertions.Expect(page.GetByTestId("digit")).ToHaveTextAsync("4", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "browser-adapted.png"), FullPage = true });
        await page.ClickAsync("#reset");
        await Assertions.Expect(page.GetByTestId("profile-status")).ToContainTextAsync("reset");
    }
}
