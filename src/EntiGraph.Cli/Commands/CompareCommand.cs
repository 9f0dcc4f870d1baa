using System.CommandLine;
using System.Text;
using EntiGraph.Engine.Charts;
using EntiGraph.Engine.Running;
using EntiGraph.Stages.Compare;
using Spectre.Console;

namespace EntiGraph.Cli.Commands;

/// <summary>
/// <c>entigraph compare &lt;experiments...&gt;</c>: the evaluation figures of several experiments side by side, as
/// a markdown table and, when asked, the accuracy-against-synthetic-tokens chart and the rows as JSON. Every
/// figure comes from the artifacts of each experiment's current keys, so only up-to-date experiments compare.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(CommandContext context)
    {
        var experiments = new Argument<string[]>("experiments")
        {
            Description = "The experiment folders (or their experiment.yaml), in the order of the table's rows",
            Arity = ArgumentArity.OneOrMore,
        };
        var markdown = new Option<string?>("--markdown") { Description = "Also write the table to this file" };
        var chart = new Option<string?>("--chart") { Description = "Draw QA accuracy against synthetic tokens into this PNG file" };
        var json = new Option<string?>("--json") { Description = "Write the rows, with every figure they hold, to this JSON file" };
        var build = new Option<bool>("--build") { Description = "Build each experiment's evaluate stage, and what it needs, when missing or stale" };
        var width = new Option<int>("--chart-width") { Description = "Chart width in pixels", DefaultValueFactory = _ => LineChart.DefaultWidth };
        var height = new Option<int>("--chart-height") { Description = "Chart height in pixels", DefaultValueFactory = _ => LineChart.DefaultHeight };
        foreach (var (option, minimum) in new[] { (width, 200), (height, 120) })
        {
            option.Validators.Add(value =>
            {
                if (value.GetValueOrDefault<int>() < minimum)
                {
                    value.AddError($"{option.Name} must be at least {minimum} pixels; got {value.GetValueOrDefault<int>()}");
                }
            });
        }

        var command = new Command("compare", "Tabulate and chart the evaluation of several experiments side by side")
        {
            experiments, markdown, chart, json, build, width, height,
        };
        command.SetAction((result, cancellationToken) => context.Guard(async () =>
        {
            var rows = await ReadRowsAsync(context, result, result.GetValue(experiments)!, result.GetValue(build), cancellationToken);

            // Everything is rendered before anything is written, so a failure leaves no half-updated set of files.
            var table = ComparisonTable.Markdown(rows);
            var files = new List<(string Path, byte[] Bytes)>();
            if (result.GetValue(markdown) is { } markdownPath)
            {
                files.Add((markdownPath, Encoding.UTF8.GetBytes(table)));
            }

            if (result.GetValue(chart) is { } chartPath)
            {
                files.Add((chartPath, ComparisonChart.RenderPng(rows, result.GetValue(width), result.GetValue(height))));
            }

            if (result.GetValue(json) is { } jsonPath)
            {
                files.Add((jsonPath, Encoding.UTF8.GetBytes(ComparisonJson.Serialize(rows))));
            }

            foreach (var (path, bytes) in files)
            {
                WriteAtomically(path, bytes);
            }

            context.Console.Profile.Out.Writer.Write(table);
            foreach (var (path, _) in files)
            {
                context.Console.MarkupLineInterpolated($"[grey]wrote {path}[/]");
            }

            return 0;
        }));
        return command;
    }

    private static async Task<List<ComparisonRow>> ReadRowsAsync(
        CommandContext context, ParseResult result, IReadOnlyList<string> experiments, bool build, CancellationToken cancellationToken)
    {
        if (ComparisonReader.Stages.FirstOrDefault(s => !context.Pipeline.Contains(s)) is { } missing)
        {
            throw new InvalidOperationException($"compare reads the {string.Join(", ", ComparisonReader.Stages)} stages; this pipeline has no '{missing}' stage");
        }

        var rows = new List<ComparisonRow>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var problems = new StringBuilder();
        foreach (var path in experiments)
        {
            var workspace = Workspace.Resolve(path, result.GetValue(context.Options.Artifacts));
            var experiment = workspace.LoadExperiment(context.Pipeline);
            if (!names.Add(experiment.Name))
            {
                throw new InvalidOperationException($"experiment '{experiment.Name}' ({path}) is given twice; each experiment is one row");
            }

            var runner = context.Runner(workspace);
            if (build)
            {
                await runner.RunAsync(experiment, "evaluate", new RunOptions(), cancellationToken);
            }

            var statuses = runner.Status(experiment, "evaluate");
            var stale = statuses.Where(s => s.State != StageState.UpToDate).ToList();
            if (stale.Count > 0)
            {
                problems.Append('\n').Append($"{experiment.Name} ({path}): its evaluate stage is not up to date");
                AppendCauses(problems, stale);
                problems.Append('\n').Append($"  build it with: entigraph run evaluate --experiment {path}")
                    .Append('\n').Append($"             or: dotnet cake --target=Evaluate --experiment={path}");
                continue;
            }

            var artifacts = ComparisonReader.Stages.ToDictionary(stage => stage, stage =>
            {
                var key = statuses.Single(s => s.Stage == stage).Key!;
                var manifest = workspace.Store.TryRead(stage, key)
                    ?? throw new InvalidOperationException($"{experiment.Name}/{stage}: the store entry {key} went missing while comparing; run compare again");
                return new StageInput(workspace.Store.EntryDirectory(stage, key), manifest);
            });
            rows.Add(ComparisonReader.Read(experiment.Name, artifacts));
        }

        if (problems.Length > 0)
        {
            throw new InvalidOperationException($"cannot compare experiments that are not evaluated:{problems}\nor run compare with --build to build what is missing first");
        }

        return rows;
    }

    // A stage stale only because a stage before it is says nothing new: name it, and give reasons for the others.
    private static void AppendCauses(StringBuilder problems, IReadOnlyList<StageStatus> stale)
    {
        var following = new List<string>();
        foreach (var status in stale)
        {
            var upstream = status.Reasons.Count(r => r.StartsWith("input stage:", StringComparison.Ordinal));
            var own = status.Reasons
                .Where(r => !r.StartsWith("input stage:", StringComparison.Ordinal))
                .Where(r => upstream == 0 || r != "never built for this experiment")
                .ToList();
            if (own.Count > 0)
            {
                problems.Append('\n').Append($"  {status.Stage}: {string.Join("; ", own)}");
            }
            else
            {
                following.Add(status.Stage);
            }
        }

        if (following.Count > 0)
        {
            problems.Append('\n').Append($"  also stale, because a stage before them is: {string.Join(", ", following)}");
        }
    }

    // Through a temporary file in the same folder and a rename, so a reader never sees a partly written file.
    private static void WriteAtomically(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
