using EntiGraph.Engine.Running;
using Spectre.Console;

namespace EntiGraph.Cli;

/// <summary>Tells the user what a run does: hits, misses with their reasons, failures, progress.</summary>
internal sealed class ConsoleReporter(IAnsiConsole console) : IRunReporter
{
    public void UpToDate(string experiment, string stage, string key) =>
        console.MarkupLineInterpolated($"[green]up to date[/] {experiment}/{stage} [grey]{Short(key)}[/]");

    public void Rebuilding(string experiment, string stage, string key, IReadOnlyList<string> reasons)
    {
        console.MarkupLineInterpolated($"[yellow]building[/]   {experiment}/{stage} [grey]{Short(key)}[/]");
        foreach (var reason in reasons)
        {
            console.MarkupLineInterpolated($"  reason: {reason}");
        }
    }

    public void Built(string experiment, string stage, string key, TimeSpan elapsed) =>
        console.MarkupLineInterpolated($"[green]built[/]      {experiment}/{stage} [grey]{Short(key)}[/] in {elapsed.TotalSeconds:0.0} s");

    public void Failed(string experiment, string stage, Exception error) =>
        console.MarkupLineInterpolated($"[red]failed[/]     {experiment}/{stage}: {error.Message}");

    public void Info(string message) => console.MarkupLineInterpolated($"[grey]{message}[/]");

    public IProgressTask Progress(string description, long total, string unit) =>
        new ConsoleProgress(console, description, total, unit);

    internal static string Short(string key) => key.Length > 12 ? key[..12] : key;
}
