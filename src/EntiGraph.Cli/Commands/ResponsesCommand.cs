using System.CommandLine;
using EntiGraph.Engine.Running;
using EntiGraph.Stages.Extract;
using EntiGraph.Stages.Synthesize;
using EntiGraph.Stages.Synthesize.Generators;
using Spectre.Console;

namespace EntiGraph.Cli.Commands;

/// <summary>
/// <c>entigraph responses</c>: the shared response store of generations. <c>export</c> writes the
/// responses an experiment's synthetic corpus used, so the experiment can ship them; <c>import</c>
/// adds a JSONL export; <c>author</c> stores answers written outside a run for the requests the
/// experiment would send.
/// </summary>
internal static class ResponsesCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("responses", "Export, import or author recorded generations");
        command.Subcommands.Add(Export(context));
        command.Subcommands.Add(Import(context));
        command.Subcommands.Add(Author(context));
        return command;
    }

    private static Command Export(CommandContext context)
    {
        var experiment = context.Options.Experiment();
        var output = new Option<string>("--output", "-o") { Description = "The JSONL file to write", Required = true };
        var command = new Command("export", "Write the responses behind an experiment's synthetic corpus to JSONL") { experiment, output };
        command.SetAction((result, _) => context.Guard(() =>
        {
            var workspace = context.Workspace(result, experiment);
            var loaded = workspace.LoadExperiment(context.Pipeline);
            var manifest = workspace.Store.CurrentManifest(loaded.Name, "synthesize")
                ?? throw new InvalidOperationException($"{loaded.Name}/synthesize has not been built; run it first");
            var requests = Path.Combine(workspace.Store.EntryDirectory("synthesize", manifest.Key), SynthesizeStage.RequestsFile);
            var hashes = File.Exists(requests) ? File.ReadAllLines(requests).ToHashSet(StringComparer.Ordinal) : [];
            using var store = new ResponseStore(SynthesizeStage.ResponseStoreFile(workspace.Store.CacheDirectory));
            var written = store.Export(result.GetValue(output)!, hashes);
            context.Console.MarkupLineInterpolated($"exported {written} of {hashes.Count} response(s) to {result.GetValue(output)}");
            return Task.FromResult(written == hashes.Count ? 0 : 1);
        }));
        return command;
    }

    private static Command Import(CommandContext context)
    {
        var file = new Argument<string>("file") { Description = "A JSONL export" };
        var command = new Command("import", "Add the responses of a JSONL export to the store") { file };
        command.SetAction((result, _) => context.Guard(() =>
        {
            var workspace = context.Workspace(result);
            using var store = new ResponseStore(SynthesizeStage.ResponseStoreFile(workspace.Store.CacheDirectory));
            var added = store.Import(result.GetValue(file)!);
            context.Console.MarkupLineInterpolated($"imported {added} new response(s); the store holds {store.Count()}");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Author(CommandContext context)
    {
        var file = new Argument<string>("file") { Description = "Authored answers, JSONL (see AuthoredAnswers)" };
        var experiment = context.Options.Experiment();
        var output = new Option<string>("--output", "-o") { Description = "Where to write the matching JSONL export", Required = true };
        var command = new Command("author", "Store answers written outside a run for the requests an experiment would send") { file, experiment, output };
        command.SetAction((result, cancellationToken) => context.Guard(async () =>
        {
            var workspace = context.Workspace(result, experiment);
            var loaded = workspace.LoadExperiment(context.Pipeline);
            var extract = await context.Runner(workspace).RunAsync(loaded, "extract", new RunOptions(), cancellationToken);
            var documents = await SynthesizeStage.LoadDocumentsAsync(
                Path.Combine(workspace.Store.EntryDirectory("extract", extract.Key), ExtractOutput.DocumentsFile), cancellationToken);
            var settings = SynthesizeStage.GeneratorSettingsOf(loaded.Section("synthesize").Config);
            var answers = AuthoredAnswers.Match(result.GetValue(file)!, documents, settings);
            using var store = new ResponseStore(SynthesizeStage.ResponseStoreFile(workspace.Store.CacheDirectory));
            foreach (var answer in answers)
            {
                store.Put(answer);
            }

            var written = store.Export(result.GetValue(output)!, answers.Select(a => a.Hash).ToHashSet(StringComparer.Ordinal));
            context.Console.MarkupLineInterpolated($"stored {answers.Count} authored answer(s); wrote {written} to {result.GetValue(output)}");
            return 0;
        }));
        return command;
    }
}
