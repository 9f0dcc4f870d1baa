using EntiGraph.Engine.Spec;

namespace EntiGraph.Stages.Synthesize.Generators;

/// <summary>The <c>generator:</c> section: which backend answers, with which model and sampling parameters.</summary>
public sealed record GeneratorSettings
{
    public const string OpenAi = "openai";
    public const string Recorded = "recorded";

    public string Backend { get; init; } = Recorded;

    public IReadOnlyList<string> BaseUrls { get; init; } = [];

    public string Model { get; init; } = "";

    public string ApiKeyEnv { get; init; } = "OPENAI_API_KEY";

    public string? Responses { get; init; }

    public string? Provenance { get; init; }

    public double Temperature { get; init; } = 1.0;

    public double TopP { get; init; } = 1.0;

    public int MaxTokens { get; init; } = 1024;

    public long? Seed { get; init; }

    public int MaxConcurrency { get; init; } = 8;

    public int RequestsPerMinute { get; init; }

    public int TokensPerMinute { get; init; }

    public double TimeoutSeconds { get; init; } = 120;

    public int Retries { get; init; } = 6;

    public double BackoffSeconds { get; init; } = 1;

    public double PromptPricePerMillion { get; init; }

    public double CompletionPricePerMillion { get; init; }

    /// <summary>What an openai backend needs from outside the checkout: its endpoints, and the API key if unset.</summary>
    public static IEnumerable<string> Prerequisites(System.Text.Json.Nodes.JsonObject generator)
    {
        if ((string?)generator["backend"] != OpenAi)
        {
            yield break;
        }

        foreach (var url in generator["base_urls"]?.AsArray() ?? [])
        {
            yield return $"an OpenAI-compatible endpoint at {url} serving {generator["model"]}";
        }

        var keyVariable = (string)generator["api_key_env"]!;
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(keyVariable)))
        {
            yield return $"its API key in the environment variable {keyVariable} (unset now)";
        }
    }

    public static ConfigSchema Schema() => new ConfigSchema()
        .Choice("backend", "openai: any OpenAI-compatible endpoint; recorded: answers only from the response store", [OpenAi, Recorded], @default: Recorded)
        .List("base_urls", "the endpoint's base URLs (…/v1); requests are spread over them", new ConfigField("url", FieldKind.String, "a base URL"))
        .String("model", "the model name the endpoint serves")
        .String("api_key_env", "the environment variable holding the API key (never written anywhere)", @default: "OPENAI_API_KEY")
        .Path("responses", "a JSONL export of recorded responses, imported into the response store before the run")
        .String("provenance", "who or what wrote the answers, copied into the manifest (say so when they were not sampled from the model)")
        .Number("temperature", "sampling temperature", @default: 1.0, min: 0, max: 2)
        .Number("top_p", "nucleus sampling mass", @default: 1.0, min: 0, max: 1)
        .Integer("max_tokens", "longest completion", @default: 1024, min: 1)
        .Integer("seed", "the seed sent with each request, where the endpoint honours it")
        .Integer("max_concurrency", "requests in flight at once", @default: 8, min: 1, max: 1024)
        .Integer("requests_per_minute", "0: no limit", @default: 0, min: 0)
        .Integer("tokens_per_minute", "0: no limit (prompt and completion tokens)", @default: 0, min: 0)
        .Number("timeout_seconds", "longest wait for one response", @default: 120, min: 1)
        .Integer("retries", "attempts after the first on 429, 5xx, timeouts and dropped connections", @default: 6, min: 0, max: 100)
        .Number("backoff_seconds", "first wait between attempts; doubles each time unless the server says Retry-After", @default: 1.0, min: 0)
        .Number("prompt_price_per_million", "USD per million prompt tokens, for the cost estimate", @default: 0, min: 0)
        .Number("completion_price_per_million", "USD per million completion tokens, for the cost estimate", @default: 0, min: 0)
        .Unkeyed("backend", "base_urls", "api_key_env", "responses", "provenance", "max_concurrency", "requests_per_minute", "tokens_per_minute",
            "timeout_seconds", "retries", "backoff_seconds", "prompt_price_per_million", "completion_price_per_million")
        .Rule(s => (string?)s["backend"] == OpenAi && s["base_urls"] is not System.Text.Json.Nodes.JsonArray { Count: > 0 }
            ? "the openai backend needs base_urls (for example http://127.0.0.1:8000/v1)"
            : null);
}
