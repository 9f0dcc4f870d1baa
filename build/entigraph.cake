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

// Copies the experiment's model and dataset cards into <folder>/<experiment>/, with the two values that
// change without the results changing (the code version, the build date) replaced by placeholders, so
// that a diff of the folder shows exactly what a rebuild changed.
void PublishCards(ICakeContext context, EntiGraphCli cli, string folder)
{
    var name = System.IO.Path.GetFileName(System.IO.Path.GetFullPath(cli.Experiment).TrimEnd('/'));
    var artifacts = string.IsNullOrEmpty(cli.Artifacts) ? "artifacts" : cli.Artifacts;
    var card = System.IO.Path.Combine(artifacts, "experiments", name, "card");
    var target = System.IO.Path.Combine(folder, name);
    System.IO.Directory.CreateDirectory(target);
    foreach (var (source, published) in new[] { ("model/README.md", "model-card.md"), ("dataset/README.md", "dataset-card.md"), ("dataset/sample.jsonl", "dataset-sample.jsonl") })
    {
        var text = System.IO.File.ReadAllText(System.IO.Path.Combine(card, source));
        text = System.Text.RegularExpressions.Regex.Replace(text, @"code version `[^`]+`", "code version `{code version}`");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"on \d{4}-\d{2}-\d{2}\b", "on {date}");
        System.IO.File.WriteAllText(System.IO.Path.Combine(target, published), text);
        context.Information($"{System.IO.Path.Combine(target, published)}");
    }
}
