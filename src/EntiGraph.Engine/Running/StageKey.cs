using System.Text.Json.Nodes;
using EntiGraph.Engine.Hashing;

namespace EntiGraph.Engine.Running;

/// <summary>
/// The key of a stage build: a hash of a canonical JSON document of everything that can change the
/// output. The document itself is kept in the manifest, so a later miss can say what changed.
/// </summary>
public static class StageKey
{
    /// <summary>Bumped whenever the document's shape or encoding changes, which changes every key.</summary>
    public const string Scheme = "entigraph-key/1";

    public static JsonObject Document(
        Stage stage,
        JsonObject config,
        IReadOnlyDictionary<string, string> inputs,
        long seed)
    {
        var document = new JsonObject
        {
            ["scheme"] = Scheme,
            ["stage"] = stage.Name,
            ["stage_version"] = stage.Version,
            ["config"] = stage.Schema.KeyView(config),
            ["inputs"] = new JsonObject(inputs.Select(i => KeyValuePair.Create(i.Key, (JsonNode?)i.Value))),
            ["versions"] = new JsonObject(stage.Versions.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))),
        };
        if (stage.UsesSeed)
        {
            document["seed"] = seed;
        }

        return document;
    }

    public static string Of(JsonObject document) =>
        ContentHash.OfString(CanonicalJson.Serialize(document))[ContentHash.Prefix.Length..];
}
