using System.CommandLine;
using EntiGraph.Engine.Store;
using Spectre.Console;

namespace EntiGraph.Cli.Commands;

/// <summary><c>entigraph gc</c>: remove store entries that no experiment refers to.</summary>
internal static class GcCommand
{
    public static Command Create(CommandContext context)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be removed; remove nothing" };
        var command = new Command("gc", "Remove store entries that no experiment's view refers to") { dryRun };
        command.SetAction((result, _) => context.Guard(() =>
        {
            var workspace = context.Workspace(result);
            var dry = result.GetValue(dryRun);
            using var storeLock = StoreLock.Acquire(workspace.Store.StoreDirectory, TimeSpan.Zero);
            if (!dry && workspace.Store.CleanTemporary() is var leftovers and > 0)
            {
                context.Console.MarkupLineInterpolated($"removed {leftovers} half-written artifact(s) left by interrupted runs");
            }

            var gc = GarbageCollector.Collect(workspace.Store, dry);
            var verb = dry ? "would remove" : "removed";
            foreach (var (stage, key, bytes) in gc.Removed)
            {
                context.Console.MarkupLineInterpolated($"{verb} {stage}/{key} ({bytes:N0} bytes)");
            }

            context.Console.MarkupLineInterpolated(
                $"{verb} {gc.Removed.Count} entr{(gc.Removed.Count == 1 ? "y" : "ies")} ({gc.Removed.Sum(r => r.Bytes):N0} bytes); kept {gc.Kept}");
            return Task.FromResult(0);
        }));
        return command;
    }
}
