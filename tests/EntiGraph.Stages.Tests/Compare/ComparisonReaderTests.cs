using System.Text.Json.Nodes;
using EntiGraph.Engine.Hashing;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Store;
using EntiGraph.Stages.Compare;
using EntiGraph.Stages.Evaluate;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Compare;

public sealed class ComparisonReaderTests : IDisposable
{
    private const string EvalJson = """
        {
          "model": { "parameters": 1234 },
          "multiple_choice": { "questions": 103, "acc": 0.2524, "acc_stderr": 0.0428, "acc_norm": 0.233, "acc_norm_stderr": null, "chance": 0.25 },
          "perplexity": {
            "domain": { "experiment": "x", "tokens": 2048, "loss": 4.24, "perplexity": 69.4 },
            "reference": { "experiment": "tiny-base", "tokens": 4096, "loss": 3.9, "perplexity": 49.4 }
          },
          "generative": { "questions": 103, "parsed": 97, "unparsed": 6, "acc": 0.41, "acc_stderr": 0.05, "acc_all": 0.386, "acc_all_stderr": 0.048 }
        }
        """;

    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void A_row_holds_the_figures_of_the_four_artifacts()
    {
        var artifacts = Publish("x", trainSteps: 12, EvalJson, new JsonObject { ["domain"] = 900, ["synthetic"] = 2_500, ["replay"] = 40 });

        var row = ComparisonReader.Read("x", artifacts);

        Assert.Equal("x", row.Experiment);
        Assert.Equal("entigraph", row.Method);
        Assert.Equal("EntiGraph CPT", row.Model);
        Assert.Equal((12L, 408L, 2_500L), (row.TrainSteps, row.TrainedTokens, row.SyntheticTokens));
        Assert.Equal(4.5, row.ValidationLoss);
        Assert.Equal(new MultipleChoiceScores(103, 0.2524, 0.0428, 0.233, null, 0.25), row.MultipleChoice);
        Assert.Equal(new GenerativeScores(103, 97, 6, 0.41, 0.05, 0.386, 0.048), row.Generative);
        Assert.Equal(new PerplexityScore("x", 2048, 4.24, 69.4), row.DomainPerplexity);
        Assert.Equal(new PerplexityScore("tiny-base", 4096, 3.9, 49.4), row.ReferencePerplexity);
        Assert.Equal(artifacts["evaluate"].Manifest.Key, row.EvaluateKey);
        Assert.Equal(row.EvaluateKey, _workspace.Store.CurrentKey("x", "evaluate"));
    }

    [Fact]
    public void An_untrained_base_has_no_synthetic_tokens_whatever_its_mixture_held()
    {
        var artifacts = Publish("x-base", trainSteps: 0, EvalJson, new JsonObject { ["domain"] = 900, ["synthetic"] = 2_500 });

        var row = ComparisonReader.Read("x-base", artifacts);

        Assert.Equal(0, row.SyntheticTokens);
        Assert.True(row.IsBase);
        Assert.Equal("Base model", row.Model);
    }

    [Fact]
    public void Sections_eval_json_lacks_are_null_and_a_domain_only_mixture_has_no_synthetic_tokens()
    {
        var artifacts = Publish("x", trainSteps: 5, """{ "model": { "parameters": 1 } }""", new JsonObject { ["domain"] = 900 });

        var row = ComparisonReader.Read("x", artifacts);

        Assert.Null(row.MultipleChoice);
        Assert.Null(row.Generative);
        Assert.Null(row.DomainPerplexity);
        Assert.Null(row.ReferencePerplexity);
        Assert.Equal(0, row.SyntheticTokens);
    }

    [Fact]
    public void An_evaluate_artifact_without_eval_json_is_named_in_the_error()
    {
        var artifacts = Publish("x", trainSteps: 5, evalJson: null, new JsonObject { ["synthetic"] = 1 });

        var error = Assert.Throws<InvalidDataException>(() => ComparisonReader.Read("x", artifacts));

        Assert.Equal($"x: the evaluate artifact has no eval.json ({artifacts["evaluate"].File(EvaluateStage.EvalFile)})", error.Message);
    }

    [Fact]
    public void A_tokenize_manifest_without_tokens_by_origin_asks_for_a_rebuild()
    {
        var artifacts = Publish("x", trainSteps: 5, EvalJson, tokensByOrigin: null);

        var error = Assert.Throws<InvalidDataException>(() => ComparisonReader.Read("x", artifacts));

        Assert.Contains("x: the tokenize manifest (", error.Message);
        Assert.EndsWith("has no tokens_by_origin metric; rebuild tokenize with this version", error.Message);
    }

    [Fact]
    public void The_json_of_the_rows_has_snake_case_fields_and_fractions()
    {
        var row = ComparisonReader.Read("x", Publish("x", trainSteps: 12, EvalJson, new JsonObject { ["synthetic"] = 2_500 }));

        var json = JsonNode.Parse(ComparisonJson.Serialize([row]))!;

        var first = json["rows"]![0]!;
        Assert.Equal("x", (string?)first["experiment"]);
        Assert.Equal("EntiGraph CPT", (string?)first["model"]);
        Assert.Equal(2_500, (long?)first["synthetic_tokens"]);
        Assert.Equal(0.2524, (double?)first["multiple_choice"]!["acc"]);
        Assert.Null(first["multiple_choice"]!["acc_norm_stderr"]);
        Assert.Equal(0.386, (double?)first["generative"]!["acc_all"]);
        Assert.Equal(row.EvaluateKey, (string?)first["evaluate_key"]);
        Assert.Null(first["is_level"]);
    }

    private Dictionary<string, StageInput> Publish(string experiment, long trainSteps, string? evalJson, JsonObject? tokensByOrigin)
    {
        var tokenize = new JsonObject { ["tokens"] = 3_440 };
        if (tokensByOrigin is not null)
        {
            tokenize["tokens_by_origin"] = tokensByOrigin;
        }

        return new Dictionary<string, StageInput>
        {
            ["synthesize"] = Publish(experiment, "synthesize", new JsonObject { ["method"] = "entigraph", ["rows"] = 30 }),
            ["tokenize"] = Publish(experiment, "tokenize", tokenize),
            ["train"] = Publish(experiment, "train", new JsonObject { ["steps"] = trainSteps, ["tokens"] = trainSteps * 34, ["validation_loss"] = 4.5 }),
            ["evaluate"] = Publish(experiment, "evaluate", new JsonObject(), evalJson is null ? [] : [(EvaluateStage.EvalFile, evalJson)]),
        };
    }

    // As the runner publishes an artifact: written into a temporary folder, listed in its manifest, renamed into place.
    private StageInput Publish(string experiment, string stage, JsonObject metrics, IReadOnlyList<(string Path, string Text)>? files = null)
    {
        var store = _workspace.Store;
        var key = ContentHash.OfString($"{experiment}/{stage}/{metrics.ToJsonString()}");
        var directory = store.BeginWrite(stage, key);
        foreach (var (path, text) in files ?? [(stage + ".txt", stage)])
        {
            File.WriteAllText(Path.Combine(directory, path), text);
        }

        var outputs = ContentHash.ListFiles(directory)
            .Select(f => new OutputFile(f.Relative, ContentHash.OfFile(f.Full), new FileInfo(f.Full).Length))
            .ToList();
        var manifest = new Manifest
        {
            Stage = stage,
            Key = key,
            Experiment = experiment,
            KeyInputs = new JsonObject { ["stage"] = stage },
            Outputs = outputs,
            ContentHash = Manifest.HashOutputs(outputs),
            Metrics = metrics,
            Timings = new Timings(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0),
            CodeVersion = "test",
            Machine = MachineInfo.Current(),
        };
        File.WriteAllText(Path.Combine(directory, Manifest.FileName), manifest.ToJson());
        store.Publish(directory, stage, key, replace: false);
        store.SetCurrent(experiment, stage, key);
        return new StageInput(store.EntryDirectory(stage, key), store.TryRead(stage, key)!);
    }
}
