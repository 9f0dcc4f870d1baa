using Spectre.Console;

namespace EntiGraph.Cli.Tests;

public sealed class ConsoleProgressTests
{
    [Fact]
    public void Shows_the_count_against_the_total_with_its_unit()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });

        using (var progress = new ConsoleProgress(console, "documents", 10, "docs"))
        {
            progress.Advance(3);
            progress.Advance(4);
        }

        Assert.Contains("documents", output.ToString());
        Assert.Contains("7/10 docs", output.ToString());
    }
}
