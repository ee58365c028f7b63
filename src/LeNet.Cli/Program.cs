using LeNet.Cli;
using Spectre.Console;

// Spectre assumes 80 columns when output goes to a file or pipe; wide tables read better in logs.
if (Console.IsOutputRedirected)
    AnsiConsole.Console.Profile.Width = 160;
return await CliApp.RunAsync(args, AnsiConsole.Console, Environment.GetEnvironmentVariable);
