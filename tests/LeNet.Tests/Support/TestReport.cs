namespace LeNet.Tests.Support;

/// <summary>
/// Figures that tests measure (accuracies, baselines) go to the test output and to a report file that CI prints,
/// so a passing run still shows the numbers behind it.
/// </summary>
internal static class TestReport
{
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "test-report.txt");

    public static void Write(Xunit.Abstractions.ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        lock (typeof(TestReport))
            File.AppendAllText(FilePath, line + Environment.NewLine);
    }
}
