// The stage graph for `dotnet cake`: it orders the stages and hands each to the engine.
// A stage that is up to date still runs here (the engine reports "up to date"): a skipped target
// would fail the Cake run.
//
//   dotnet cake --target=Train                       build everything Train needs that is missing or stale
//   dotnet cake --target=Train --experiment=experiments/<name>
//   dotnet cake --target=Train --dryrun              what would rebuild, and why; changes nothing
//   dotnet cake --target=Train --exclusive           this stage only (what it needs must be up to date)
//   dotnet cake --tree                               the stage graph
//   dotnet cake --target=Compare                     evaluate the bundled experiments and tabulate them side by side
//   dotnet cake --target=Compare --experiments=experiments/a,experiments/b
//   dotnet cake --target=Results                     Card and Compare, then docs/results regenerated (what CI checks)

#load "build/entigraph.cake"

var target = Argument("target", "Default");
var experiment = Argument("experiment", "experiments/entigraph-tiny");
var artifacts = Argument("artifacts", "");
var configuration = Argument("configuration", "Release");
// The rows of the EntiGraph paper's table, in its order: base, Raw CPT, Rephrase CPT, EntiGraph CPT.
var compared = Argument("experiments",
    "experiments/entigraph-tiny-base,experiments/entigraph-tiny-raw,experiments/entigraph-tiny-rephrase,experiments/entigraph-tiny")
    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
// Cake keeps its own switches out of Arguments, so look at the command line itself.
var switches = System.Environment.GetCommandLineArgs().Select(a => a.TrimStart('-')).ToList();
var dryRun = switches.Any(s => s is "dryrun" or "noop" or "whatif");
var exclusive = switches.Contains("exclusive");

EntiGraphCli cli = null;

Setup(context =>
{
    cli = BuildEntiGraph(context, configuration, experiment, artifacts);
    if (dryRun && target == "Compare")
    {
        foreach (var path in compared)
        {
            EntiGraphFor(context, cli, path, "run", "evaluate", "--dry-run");
        }
    }
    else if (dryRun)
    {
        // Cake's dry run only lists tasks; the engine says which stages would rebuild and why.
        var stage = target == "Default" ? "card" : target.ToLowerInvariant();
        EntiGraph(context, cli, exclusive ? new[] { "run", stage, "--dry-run", "--single" } : new[] { "run", stage, "--dry-run" });
    }
});

void Stage(string name) => EntiGraph(Context, cli, "run", name.ToLowerInvariant(), "--single");

Task("Download")
    .Description("Fetch and verify the experiment's sources")
    .Does(() => Stage("download"));

Task("Extract")
    .Description("Raw files to documents.parquet and questions.parquet")
    .IsDependentOn("Download")
    .Does(() => Stage("extract"));

Task("Synthesize")
    .Description("Generate the synthetic corpus")
    .IsDependentOn("Extract")
    .Does(() => Stage("synthesize"));

Task("Curate")
    .Description("Filter, deduplicate, score, select and mix the training data")
    .IsDependentOn("Synthesize")
    .Does(() => Stage("curate"));

Task("Tokenize")
    .Description("Pack the mixture into token shards")
    .IsDependentOn("Curate")
    .Does(() => Stage("tokenize"));

Task("Train")
    .Description("Train the model")
    .IsDependentOn("Tokenize")
    .Does(() => Stage("train"));

Task("Evaluate")
    .Description("Closed-book QA and perplexity")
    .IsDependentOn("Train")
    .Does(() => Stage("evaluate"));

Task("Card")
    .Description("Render the model card and assemble the model folder")
    .IsDependentOn("Evaluate")
    .Does(() => Stage("card"));

Task("Status")
    .Description("Every stage of the experiment: up to date, or stale and why")
    .Does(() => EntiGraph(Context, cli, "status"));

// Each experiment's evaluate, with whatever it needs, then the table (also printed) and the scaling chart,
// written where the README shows them.
Task("Compare")
    .Description("Evaluate several experiments and compare them: docs/results/comparison.md and comparison.png")
    .Does(() =>
    {
        foreach (var path in compared)
        {
            EntiGraphFor(Context, cli, path, "run", "evaluate");
        }

        var arguments = new List<string> { "compare" };
        arguments.AddRange(compared);
        arguments.AddRange(new[] { "--markdown", "docs/results/comparison.md", "--chart", "docs/results/comparison.png" });
        EntiGraphFor(Context, cli, null, arguments.ToArray());
    });

Task("Results")
    .Description("Regenerate docs/results: the comparison and entigraph-tiny's cards, volatile values scrubbed")
    .IsDependentOn("Card")
    .IsDependentOn("Compare")
    .Does(() => PublishCards(Context, cli, "docs/results"));

Task("Default")
    .IsDependentOn("Card");

RunTarget(target);
