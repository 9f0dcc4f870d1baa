using System.CommandLine;
using EntiGraph.Engine.Store;
using Spectre.Console;

namespace EntiGraph.Cli.Commands;

/// <summary><c>entigraph verify</c>: rehash the whole store and report corruption (exit code 1 if any).</summary>
internal static class VerifyCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("verify", "Rehash every artifact in the store and report files that do not match their manifest");
        command.SetAction((result, _) => context.Guard(() =>
        {
            var workspace = context.Workspace(result);
            var entries = 0;
            var problems = StoreVerifier.Verify(workspace.Store, (_, _) => entries++);
            foreach (var problem in problems)
            {
                context.Console.MarkupLineInterpolated($"[red]corrupt[/] {problem}");
            }

            context.Console.MarkupLineInterpolated($"verified {entries} entr{(entries == 1 ? "y" : "ies")}: {problems.Count} problem(s)");
            return Task.FromResult(problems.Count == 0 ? 0 : 1);
        }));
        return command;
    }
}
