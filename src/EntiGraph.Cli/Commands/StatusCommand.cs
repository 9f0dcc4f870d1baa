using System.CommandLine;
using EntiGraph.Engine.Running;
using Spectre.Console;

namespace EntiGraph.Cli.Commands;

/// <summary><c>entigraph status</c>: every stage, up to date or why not.</summary>
internal static class StatusCommand
{
    public static Command Create(CommandContext context)
    {
        var experiment = context.Options.Experiment();
        var target = new Option<string?>("--target") { Description = "Only this stage and the stages it needs" };
        var command = new Command("status", "Show every stage of an experiment: up to date, or stale and why") { experiment, target };
        command.SetAction((result, _) => context.Guard(() =>
        {
            var workspace = context.Workspace(result, experiment);
            var loaded = workspace.LoadExperiment(context.Pipeline);
            var stage = result.GetValue(target) is { } name ? context.Pipeline[name].Name : null;
            Print(context.Console, context.Runner(workspace).Status(loaded, stage), "stale");
            return Task.FromResult(0);
        }));
        return command;
    }

    public static void Print(IAnsiConsole console, IReadOnlyList<StageStatus> statuses, string staleWord)
    {
        foreach (var status in statuses)
        {
            var key = status.Key is null ? "" : " [grey]" + ConsoleReporter.Short(status.Key) + "[/]";
            var state = status.State == StageState.UpToDate ? "[green]up to date   [/]" : $"[yellow]{staleWord,-13}[/]";
            console.MarkupLine($"{state} {Markup.Escape($"{status.Experiment}/{status.Stage}")}{key}");

            foreach (var reason in status.Reasons)
            {
                console.MarkupLineInterpolated($"  reason: {reason}");
            }
        }
    }
}
