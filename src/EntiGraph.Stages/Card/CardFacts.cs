using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Store;
using EntiGraph.Stages.Evaluate;
using EntiGraph.Stages.Train;

namespace EntiGraph.Stages.Card;

/// <summary>
/// Everything a card says, gathered from the upstream manifests and the files they list: the templates
/// see this tree and nothing else, so a card cannot state what the pipeline did not record.
/// </summary>
public static class CardFacts
{
    /// <summary>The stages whose artifacts a card describes, in pipeline order.</summary>
    public static readonly string[] Stages = ["download", "extract", "synthesize", "curate", "tokenize", "train", "evaluate"];

    public static JsonObject Build(string experiment, IReadOnlyDictionary<string, StageInput> inputs, CardSettings settings)
    {
        var train = inputs["train"];
        var synthesize = inputs["synthesize"].Manifest;
        var modelName = settings.ModelName ?? experiment;
        var baseModel = BaseModel(train.Manifest, settings);
        var methods = Citations.MethodsUsed(inputs);

        var facts = new JsonObject
        {
            ["experiment"] = experiment,
            ["model_name"] = modelName,
            ["dataset_name"] = settings.DatasetName ?? modelName + "-corpus",
            ["license"] = settings.License,
            ["language"] = new JsonArray(settings.Language.Select(l => (JsonNode?)l).ToArray()),
            ["code_version"] = train.Manifest.CodeVersion,
            ["trained_on"] = train.Manifest.Timings.Finished.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["seed"] = train.Manifest.KeyInputs["seed"]?.DeepClone(),
            ["base_model"] = baseModel,
            ["method"] = (string?)synthesize.Metrics["method"],
            ["methods"] = new JsonArray(methods.Select(m => (JsonNode?)m.ToJson()).ToArray()),
            ["model"] = Model(train),
            ["data"] = Data(inputs),
            ["training"] = Training(train),
            ["evaluation"] = Evaluation(inputs["evaluate"]),
            ["stages"] = StageTable(inputs),
        };
        facts["tags"] = new JsonArray(Tags(methods, settings).Select(t => (JsonNode?)t).ToArray());
        // Through text and back: every value then reads the same way (an int from a manifest, a long from a file).
        return JsonNode.Parse(facts.ToJsonString())!.AsObject();
    }

    private static JsonObject? BaseModel(Manifest train, CardSettings settings)
    {
        // The train key names its base model as an input ("artifact:<experiment>/<stage>" or "file:<path>").
        var source = train.KeyInputs["inputs"]?.AsObject()
            .Where(p => p.Key.StartsWith("artifact:", StringComparison.Ordinal) || p.Key.StartsWith("file:", StringComparison.Ordinal))
            .Where(p => p.Key.EndsWith("/train", StringComparison.Ordinal) || IsBasePath(train, p.Key))
            .Select(p => (Name: p.Key[(p.Key.IndexOf(':') + 1)..], Hash: (string?)p.Value))
            .FirstOrDefault();
        if (source is null || source.Value.Name is null)
            return null;
        var name = source.Value.Name.EndsWith("/train", StringComparison.Ordinal) ? source.Value.Name[..^"/train".Length] : source.Value.Name;
        return new JsonObject
        {
            ["id"] = settings.BaseModel ?? name,
            ["source"] = source.Value.Name,
            ["content_hash"] = source.Value.Hash,
        };
    }

    private static bool IsBasePath(Manifest train, string inputName) =>
        train.KeyInputs["config"]?["base_model_path"] is JsonValue path && inputName == "file:" + (string?)path;

    private static JsonObject Model(StageInput train)
    {
        var folder = train.File(TrainStage.ModelDirectory);
        var config = ReadJson(Path.Combine(folder, "config.json"));
        var generation = ReadJson(Path.Combine(folder, ModelFolder.GenerationConfigFile));
        var files = train.Manifest.Outputs
            .Where(o => o.Path.StartsWith(TrainStage.ModelDirectory + "/", StringComparison.Ordinal))
            .Select(o => (JsonNode?)new JsonObject { ["path"] = o.Path[(TrainStage.ModelDirectory.Length + 1)..], ["size"] = o.Size, ["hash"] = o.Hash })
            .ToArray();
        return new JsonObject
        {
            ["parameters"] = train.Manifest.Metrics["parameters"]?.DeepClone(),
            ["architecture"] = config["architectures"]?[0]?.DeepClone() ?? "LlamaForCausalLM",
            ["model_type"] = config["model_type"]?.DeepClone(),
            ["hidden_size"] = config["hidden_size"]?.DeepClone(),
            ["intermediate_size"] = config["intermediate_size"]?.DeepClone(),
            ["layers"] = config["num_hidden_layers"]?.DeepClone(),
            ["attention_heads"] = config["num_attention_heads"]?.DeepClone(),
            ["key_value_heads"] = config["num_key_value_heads"]?.DeepClone(),
            ["vocab_size"] = config["vocab_size"]?.DeepClone(),
            ["context_length"] = config["max_position_embeddings"]?.DeepClone(),
            ["rope_theta"] = config["rope_theta"]?.DeepClone(),
            ["tie_word_embeddings"] = config["tie_word_embeddings"]?.DeepClone(),
            ["torch_dtype"] = config["torch_dtype"]?.DeepClone(),
            ["bos_token_id"] = generation["bos_token_id"]?.DeepClone(),
            ["eos_token_id"] = generation["eos_token_id"]?.DeepClone(),
            ["files"] = new JsonArray(files),
        };
    }

    private static JsonObject Data(IReadOnlyDictionary<string, StageInput> inputs)
    {
        var download = inputs["download"];
        var sources = ReadJsonNode(download.File("sources.json")) as JsonArray ?? [];
        var extract = inputs["extract"].Manifest;
        var synthesize = inputs["synthesize"].Manifest;
        var curate = inputs["curate"].Manifest;
        var tokenize = inputs["tokenize"].Manifest;
        var tokenizeConfig = tokenize.KeyInputs["config"]!;

        var byOrigin = tokenize.Metrics["tokens_by_origin"] as JsonObject ?? [];
        var documentsByOrigin = curate.Metrics["by_origin"] as JsonObject ?? [];
        var mixture = new JsonArray();
        foreach (var origin in documentsByOrigin.Select(p => p.Key).Union(byOrigin.Select(p => p.Key)).Order(StringComparer.Ordinal))
        {
            mixture.Add(new JsonObject
            {
                ["origin"] = origin,
                ["documents"] = documentsByOrigin[origin]?.DeepClone() ?? 0,
                ["tokens"] = byOrigin[origin]?.DeepClone() ?? 0,
            });
        }

        return new JsonObject
        {
            ["sources"] = sources.DeepClone(),
            ["documents"] = extract.Metrics["documents"]?.DeepClone(),
            ["questions"] = extract.Metrics["questions"]?.DeepClone(),
            ["words"] = extract.Metrics["words"]?.DeepClone(),
            ["formats"] = new JsonArray((extract.KeyInputs["config"]?["inputs"] as JsonArray ?? [])
                .Select(i => (JsonNode?)(string?)i?["format"]).Distinct().ToArray()),
            ["synthesis"] = new JsonObject
            {
                ["method"] = synthesize.Metrics["method"]?.DeepClone(),
                ["documents"] = synthesize.Metrics["documents"]?.DeepClone(),
                ["rows"] = synthesize.Metrics["rows"]?.DeepClone(),
                ["rows_by_kind"] = Pairs(synthesize.Metrics["rows_by_kind"] as JsonObject, "kind", "rows"),
                ["words"] = synthesize.Metrics["words"]?.DeepClone(),
                ["generator"] = synthesize.KeyInputs["config"]?["generator"]?["model"]?.DeepClone(),
                ["requests"] = synthesize.Metrics["generation"]?["requests"]?.DeepClone(),
                ["prompt_tokens"] = synthesize.Metrics["generation"]?["prompt_tokens"]?.DeepClone(),
                ["completion_tokens"] = synthesize.Metrics["generation"]?["completion_tokens"]?.DeepClone(),
                ["config"] = synthesize.KeyInputs["config"]?.DeepClone(),
            },
            ["curation"] = new JsonObject
            {
                ["steps"] = new JsonArray((curate.Metrics["steps"] as JsonArray ?? []).Select(s => (JsonNode?)new JsonObject
                {
                    ["step"] = s?["step"]?.DeepClone(),
                    ["documents_in"] = s?["documents_in"]?.DeepClone(),
                    ["documents_out"] = s?["documents_out"]?.DeepClone(),
                    ["documents_removed"] = s?["documents_removed"]?.DeepClone(),
                }).ToArray()),
                ["mixture_documents"] = curate.Metrics["mixture_documents"]?.DeepClone(),
            },
            ["mixture"] = mixture,
            ["tokenizer"] = tokenizeConfig["tokenizer"]?.DeepClone(),
            ["tokenizer_from"] = tokenizeConfig["tokenizer_from"]?["experiment"]?.DeepClone(),
            ["vocab_size"] = tokenize.Metrics["vocab_size"]?.DeepClone(),
            ["block_size"] = tokenizeConfig["block_size"]?.DeepClone(),
            ["tokens"] = tokenize.Metrics["tokens"]?.DeepClone(),
            ["synthetic_tokens"] = byOrigin["synthetic"]?.DeepClone() ?? 0,
            ["train_blocks"] = tokenize.Metrics["train_blocks"]?.DeepClone(),
            ["val_blocks"] = tokenize.Metrics["val_blocks"]?.DeepClone(),
            ["replay_tokens"] = tokenize.Metrics["replay_tokens"]?.DeepClone(),
            ["replay_blocks"] = tokenize.Metrics["replay_blocks"]?.DeepClone(),
        };
    }

    private static JsonObject Training(StageInput train)
    {
        var recipe = ReadJson(train.File(TrainStage.RecipeFile));
        var metrics = train.Manifest.Metrics;
        return new JsonObject
        {
            ["recipe"] = recipe,
            // One flat name/value list, so a card can show every hyperparameter without knowing them;
            // the validation loss is a result, shown with the others.
            ["hyperparameters"] = Flatten(recipe, skip: "validation_loss"),
            ["steps"] = metrics["steps"]?.DeepClone(),
            ["tokens"] = metrics["tokens"]?.DeepClone(),
            ["final_loss"] = metrics["final_loss"]?.DeepClone(),
            ["validation_loss"] = metrics["validation_loss"]?.DeepClone(),
            ["device"] = metrics["device"]?.DeepClone(),
            ["seconds"] = Math.Round(train.Manifest.Timings.Seconds, 1),
            ["tokens_per_second"] = metrics["tokens_per_second"]?.DeepClone(),
        };
    }

    private static JsonObject Evaluation(StageInput evaluate)
    {
        var eval = ReadJson(evaluate.File(EvaluateStage.EvalFile));
        var perplexity = new JsonArray();
        if (eval["perplexity"] is JsonObject texts)
        {
            foreach (var (name, text) in texts)
            {
                var entry = text!.DeepClone().AsObject();
                entry["text"] = name;
                perplexity.Add(entry);
            }
        }
        return new JsonObject
        {
            ["multiple_choice"] = eval["multiple_choice"]?.DeepClone(),
            ["generative"] = eval["generative"]?.DeepClone(),
            ["perplexity"] = perplexity,
        };
    }

    private static JsonArray StageTable(IReadOnlyDictionary<string, StageInput> inputs)
    {
        var rows = new JsonArray();
        foreach (var stage in Stages)
        {
            var manifest = inputs[stage].Manifest;
            rows.Add(new JsonObject
            {
                ["stage"] = stage,
                ["experiment"] = manifest.Experiment,
                ["key"] = manifest.Key,
                ["content_hash"] = manifest.ContentHash,
                ["code_version"] = manifest.CodeVersion,
                // What came from other experiments (the base model, the replay corpus, the tokenizer).
                ["artifacts"] = new JsonArray((manifest.KeyInputs["inputs"]?.AsObject() ?? [])
                    .Where(p => p.Key.StartsWith("artifact:", StringComparison.Ordinal))
                    .Select(p => (JsonNode?)new JsonObject { ["name"] = p.Key["artifact:".Length..], ["content_hash"] = p.Value?.DeepClone() })
                    .ToArray()),
            });
        }
        return rows;
    }

    private static IEnumerable<string> Tags(IReadOnlyList<Citations.Method> methods, CardSettings settings)
    {
        var tags = new List<string> { "llama", "text-generation" };
        tags.AddRange(methods.SelectMany(m => m.Tags));
        tags.AddRange(settings.Tags);
        return tags.Distinct(StringComparer.Ordinal);
    }

    private static JsonArray Flatten(JsonObject recipe, string skip)
    {
        var rows = new JsonArray();
        void Walk(string prefix, JsonNode? node)
        {
            if (node is JsonObject obj)
            {
                foreach (var (name, value) in obj)
                    Walk(prefix.Length == 0 ? name : $"{prefix}.{name}", value);
            }
            else if (node is not null && prefix != skip)
            {
                rows.Add(new JsonObject { ["name"] = prefix, ["value"] = node.DeepClone() });
            }
        }
        Walk("", recipe);
        return rows;
    }

    private static JsonArray Pairs(JsonObject? map, string keyName, string valueName) =>
        new((map ?? []).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (JsonNode?)new JsonObject { [keyName] = p.Key, [valueName] = p.Value?.DeepClone() }).ToArray());

    private static JsonObject ReadJson(string path) => ReadJsonNode(path) as JsonObject
        ?? throw new InvalidDataException($"{path}: expected a JSON object");

    private static JsonNode? ReadJsonNode(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: missing; the artifact that should hold it is incomplete (run `entigraph verify`)", path);
        try
        {
            return JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: line {e.LineNumber + 1}: {e.Message}", e);
        }
    }
}
