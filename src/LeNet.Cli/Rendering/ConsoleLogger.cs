using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace LeNet.Cli.Rendering;

/// <summary>Writes the library's log messages to the console: information dim, warnings yellow.</summary>
internal sealed class ConsoleLogger(IAnsiConsole console) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
            return;
        var style = logLevel >= LogLevel.Warning ? "yellow" : "dim";
        console.MarkupLine($"[{style}]{Markup.Escape(formatter(state, exception))}[/]");
    }
}
