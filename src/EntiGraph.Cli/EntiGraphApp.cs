using System.CommandLine;
using EntiGraph.Cli.Commands;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Engine.Store;
using Spectre.Console;

namespace EntiGraph.Cli;

/// <summary>The <c>entigraph</c> command line over a pipeline of stages.</summary>
public static class EntiGraphApp
{
    /// <summary>Exit code of a run whose input (an experiment file, an argument) is wrong.</summary>
    public const int UsageError = 2;

    public static Task<int> RunAsync(string[] args, Pipeline pipeline, IAnsiConsole? console = null)
    {
        var root = Build(pipeline, console ?? CreateConsole());
        return root.Parse(args).InvokeAsync();
    }

    // Logs and CI capture the output: keep reasons and paths on one line instead of wrapping at 80 columns.
    private static IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings());
        if (System.Console.IsOutputRedirected)
        {
            console.Profile.Width = 200;
        }

        return console;
    }

    internal static RootCommand Build(Pipeline pipeline, IAnsiConsole console)
    {
        var options = new CommonOptions();
        var root = new RootCommand("EntiGraph: a reproducible experiment build system for adapting language models with synthetic and curated data.");
        root.Options.Add(options.Artifacts);
        var context = new CommandContext(pipeline, console, options);
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(StatusCommand.Create(context));
        root.Subcommands.Add(ShowCommand.Create(context));
        root.Subcommands.Add(GcCommand.Create(context));
        root.Subcommands.Add(VerifyCommand.Create(context));
        root.Subcommands.Add(StagesCommand.Create(context));
        root.Subcommands.Add(ResponsesCommand.Create(context));
        root.Subcommands.Add(CompareCommand.Create(context));
        return root;
    }
}

internal sealed class CommonOptions
{
    public Option<string?> Artifacts { get; } = new("--artifacts")
    {
        Description = $"The artifacts folder holding the store (default: ${Workspace.ArtifactsVariable}, else artifacts/ of the checkout)",
        Recursive = true,
    };

    public Option<string> Experiment() => new("--experiment", "-e")
    {
        Description = "The experiment folder (or its experiment.yaml)",
        DefaultValueFactory = _ => Workspace.DefaultExperiment,
    };
}

/// <summary>What every command needs, and the one place where errors become messages and exit codes.</summary>
internal sealed record CommandContext(Pipeline Pipeline, IAnsiConsole Console, CommonOptions Options)
{
    public Workspace Workspace(ParseResult result, Option<string>? experiment = null) =>
        Cli.Workspace.Resolve(experiment is null ? null : result.GetValue(experiment), result.GetValue(Options.Artifacts));

    public Runner Runner(Workspace workspace) => new(Pipeline, workspace.Store, new ConsoleReporter(Console));

    public async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (ExperimentSpecException e)
        {
            Console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return EntiGraphApp.UsageError;
        }
        catch (StageFailedException)
        {
            // The reporter has already said which stage failed and why.
            return 1;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Every failure a user can act on carries its own message (file and line, URL, request id).
            Console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 1;
        }
    }
}
