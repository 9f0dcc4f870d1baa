using System.Text.Json.Nodes;
using EntiGraph.Engine.Hashing;
using Microsoft.Extensions.AI;

namespace EntiGraph.Stages.Synthesize.Generators;

/// <summary>
/// The identity of a generation: model, messages, sampling parameters, seed and sample index, as
/// canonical JSON. Its hash keys the response store, so a request already answered is never sent again,
/// whichever experiment or run asks.
/// </summary>
public static class RequestKey
{
    public const int Scheme = 1;

    public static JsonObject Document(GeneratorSettings settings, GenerationRequest request) => new()
    {
        ["scheme"] = Scheme,
        ["model"] = settings.Model,
        ["messages"] = new JsonArray(request.Messages.Select(m => (JsonNode)new JsonObject
        {
            ["role"] = m.Role.Value,
            ["content"] = m.Text,
        }).ToArray()),
        ["temperature"] = settings.Temperature,
        ["top_p"] = settings.TopP,
        ["max_tokens"] = settings.MaxTokens,
        ["json"] = request.Json,
        ["seed"] = settings.Seed,
        ["sample_index"] = request.SampleIndex,
    };

    public static string Hash(JsonObject document) =>
        ContentHash.OfString(CanonicalJson.Serialize(document))[ContentHash.Prefix.Length..];

    /// <summary>The messages of a stored request document, to replay it against an endpoint.</summary>
    public static IReadOnlyList<ChatMessage> Messages(JsonObject document) =>
        document["messages"]!.AsArray().Select(m => new ChatMessage(new ChatRole((string)m!["role"]!), (string?)m["content"])).ToList();
}
