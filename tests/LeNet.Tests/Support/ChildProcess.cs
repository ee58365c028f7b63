using System.Diagnostics;
using System.Text;

namespace LeNet.Tests.Support;

/// <summary>The real <c>lenet</c> command in a child process, for what only a separate process can show (signals, kill -9).</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static ChildProcess StartLenet(params string[] args) => StartLenet(new Dictionary<string, string>(), args);

    /// <summary>Starts <c>lenet</c> with <paramref name="environment"/> added to the test's own.</summary>
    public static ChildProcess StartLenet(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "LeNet.Cli.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["LENET_DATA"] = TestData.Datasets;
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return new ChildProcess(Process.Start(start)!);
    }

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
            throw new TimeoutException($"lenet did not exit within {timeout}: {Output}");
        _process.WaitForExit(); // drain the output
        return _process.ExitCode;
    }

    /// <summary>Sends a POSIX signal (INT for Ctrl+C, KILL for kill -9).</summary>
    public void Signal(string signal) => Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    /// <summary>Waits until <paramref name="condition"/> holds, failing after <paramref name="timeout"/>.</summary>
    public static void WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"timed out waiting for {what}");
            Thread.Sleep(20);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
