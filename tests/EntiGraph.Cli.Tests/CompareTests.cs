using System.Text.Json.Nodes;
using EntiGraph.TestKit;

namespace EntiGraph.Cli.Tests;

public sealed class CompareTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Compare_builds_a_base_and_a_trained_experiment_and_writes_the_same_files_twice()
    {
        WriteExperiments();
        string[] args = ["compare", "experiments/x-base", "experiments/x", "--markdown", "out/c.md", "--chart", "out/c.png", "--json", "out/c.json"];

        using (var built = CliProcess.StartEntigraph(_workspace.Root, [.. args, "--build"]))
        {
            Assert.True(await built.WaitAsync() == 0, built.Output);
            Assert.Contains("built      x/evaluate", built.Output);
            Assert.Contains("built      x-base/evaluate", built.Output);
        }

        var markdown = File.ReadAllText(Output("c.md"));
        var lines = markdown.Split('\n');
        Assert.StartsWith("| experiment | model      | synthetic tokens | trained tokens | QA acc (%) |", lines[0]);
        var baseRow = Cells(lines.Single(l => l.StartsWith("| x-base ", StringComparison.Ordinal)));
        var trainedRow = Cells(lines.Single(l => l.StartsWith("| x ", StringComparison.Ordinal)));
        Assert.Equal(["x-base", "Base model", "0", "0"], baseRow[..4]);
        Assert.Equal(["x", "Raw CPT"], trainedRow[..2]);
        Assert.NotEqual("0", trainedRow[2]);
        var trainedTokens = (long)_workspace.Store.CurrentManifest("x", "train")!.Metrics["tokens"]!;
        Assert.Equal(trainedTokens.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), trainedRow[3]);
        Assert.Matches(@"^\d+\.\d ± \d+\.\d$", trainedRow[4]);
        Assert.Equal($"`{_workspace.Store.CurrentKey("x", "evaluate")![..12]}`", trainedRow[^1]);
        Assert.Equal($"`{_workspace.Store.CurrentKey("x-base", "evaluate")![..12]}`", baseRow[^1]);

        var json = JsonNode.Parse(File.ReadAllText(Output("c.json")))!["rows"]!.AsArray();
        Assert.Equal(["x-base", "x"], json.Select(r => (string?)r!["experiment"]));
        Assert.Equal(0, (long?)json[0]!["train_steps"]);
        Assert.Equal(3, (long?)json[1]!["train_steps"]);
        var tokenize = _workspace.Store.CurrentManifest("x", "tokenize")!;
        Assert.Equal((long?)tokenize.Metrics["tokens_by_origin"]!["synthetic"], (long?)json[1]!["synthetic_tokens"]);

        var png = File.ReadAllBytes(Output("c.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);

        var (exitCode, output) = await Run(args);

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("built ", output);
        Assert.Contains(markdown.Split('\n')[2], output);
        Assert.Equal(markdown, File.ReadAllText(Output("c.md")));
        Assert.Equal(png, File.ReadAllBytes(Output("c.png")));
    }

    [Fact]
    public async Task Compare_of_an_experiment_never_built_names_it_and_the_commands_that_build_it()
    {
        WriteExperiments();

        var (exitCode, output) = await Run("compare", "experiments/x", "--markdown", "out/c.md");

        Assert.Equal(1, exitCode);
        Assert.Contains("error: cannot compare experiments that are not evaluated:", output);
        Assert.Contains("x (experiments/x): its evaluate stage is not up to date", output);
        Assert.Contains("  download: never built for this experiment", output);
        Assert.Contains("build it with: entigraph run evaluate --experiment experiments/x", output);
        Assert.Contains("or: dotnet cake --target=Evaluate --experiment=experiments/x", output);
        Assert.Contains("or run compare with --build to build what is missing first", output);
        Assert.False(File.Exists(Output("c.md")));
        Assert.False(Directory.Exists(_workspace.Store.StoreDirectory));
    }

    [Fact]
    public async Task The_same_experiment_twice_is_refused()
    {
        WriteExperiments();

        var (exitCode, output) = await Run("compare", "experiments/x", "experiments/x/experiment.yaml");

        Assert.Equal(1, exitCode);
        Assert.Contains("experiment 'x' (experiments/x/experiment.yaml) is given twice", output);
    }

    private string Output(string name) => Path.Combine(_workspace.Root, "out", name);

    private async Task<(int ExitCode, string Output)> Run(params string[] args)
    {
        using var process = CliProcess.StartEntigraph(_workspace.Root, args);
        var exitCode = await process.WaitAsync();
        return (exitCode, process.Output);
    }

    private static string[] Cells(string line) => line.Trim('|', ' ').Split('|').Select(c => c.Trim()).ToArray();

    // Two articles of the bundled QuALITY-format corpus with their questions; x trains on them from scratch and
    // x-base publishes x's model untrained, the comparison's base row.
    private void WriteExperiments()
    {
        var corpus = File.ReadLines(Path.Combine(Repository.Root(), "experiments", "entigraph-tiny", "data", "quality.jsonl")).Take(2);
        _workspace.WriteFile("experiments/x/quality.jsonl", string.Join("\n", corpus) + "\n");
        _workspace.WriteExperiment("x", """
            seed: 5
            download:
              sources:
                - name: quality
                  path: quality.jsonl
            extract:
              inputs:
                - source: quality
                  format: quality
                  split: dev
            synthesize:
              method: raw
            curate:                     # the raw copies would otherwise go as duplicates of the articles
              exact_dedup:
                enabled: false
              bloom_dedup:
                enabled: false
            evaluate:
              perplexity:
                max_blocks: 4
            """ + "\n" + TinyTraining.Sections(steps: 3, blockSize: 256));
        _workspace.WriteExperiment("x-base", """
            extends: ../x
            train:
              base_model:
                experiment: ../x
                stage: train
              epochs: 0
              max_steps: 0
            """);
    }
}
