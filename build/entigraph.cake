// Helpers for build.cake: build the entigraph CLI once, then hand it each stage.
// The engine decides what is up to date; Cake only orders the stages.

public sealed class EntiGraphCli
{
    public string Dll { get; init; }
    public string Experiment { get; init; }
    public string Artifacts { get; init; }
}

EntiGraphCli BuildEntiGraph(ICakeContext context, string configuration, string experiment, string artifacts)
{
    context.DotNetBuild("src/EntiGraph.Cli/EntiGraph.Cli.csproj", new DotNetBuildSettings
    {
        Configuration = configuration,
        NoLogo = true,
        Verbosity = DotNetVerbosity.Quiet,
    });
    var dll = context.MakeAbsolute(context.File($"artifacts/bin/EntiGraph.Cli/{configuration.ToLowerInvariant()}/entigraph.dll")).FullPath;
    return new EntiGraphCli { Dll = dll, Experiment = experiment, Artifacts = artifacts };
}

// Runs `entigraph <arguments> --experiment X` for the experiment given to Cake.
void EntiGraph(ICakeContext context, EntiGraphCli cli, params string[] arguments) =>
    EntiGraphFor(context, cli, cli.Experiment, arguments);

// Runs `entigraph <arguments> --experiment <experiment>`, or without --experiment when it is null (a command such as
// compare names its experiments itself); a non-zero exit fails the Cake task with the CLI's message above it.
void EntiGraphFor(ICakeContext context, EntiGraphCli cli, string experiment, params string[] arguments)
{
    var builder = new ProcessArgumentBuilder().AppendQuoted(cli.Dll);
    foreach (var argument in arguments)
    {
        builder.AppendQuoted(argument);
    }

    if (experiment != null)
    {
        builder.Append("--experiment").AppendQuoted(experiment);
    }

    if (!string.IsNullOrEmpty(cli.Artifacts))
    {
        builder.Append("--artifacts").AppendQuoted(cli.Artifacts);
    }

    var exitCode = context.StartProcess("dotnet", new ProcessSettings { Arguments = builder });
    if (exitCode != 0)
    {
        throw new CakeException(exitCode, $"entigraph {string.Join(" ", arguments)} failed (exit code {exitCode})");
    }
}
