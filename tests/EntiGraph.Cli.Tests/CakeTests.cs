using System.Diagnostics;
using EntiGraph.TestKit;

namespace EntiGraph.Cli.Tests;

public sealed class CakeTests
{
    [Fact]
    public async Task Cake_tree_shows_the_stage_graph_in_order()
    {
        var root = Repository.Root();
        Assert.Equal(0, (await Dotnet(root, "tool", "restore")).ExitCode);

        var (exitCode, output) = await Dotnet(root, "cake", "--tree");

        Assert.Equal(0, exitCode);
        var order = new[] { "Default", "Card", "Evaluate", "Train", "Tokenize", "Curate", "Synthesize", "Extract", "Download" };
        var positions = order.Select(name => output.IndexOf("─" + name, StringComparison.Ordinal) is var at and >= 0 ? at : output.IndexOf(name, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0, output));
        Assert.Equal(positions.Order(), positions);
    }

    private static async Task<(int ExitCode, string Output)> Dotnet(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
