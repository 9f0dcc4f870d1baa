using System.Text.Json;
using System.Text.Json.Nodes;

namespace EntiGraph.Stages.Train;

/// <summary>What the train stage reads from the tokenize stage's index.json.</summary>
public sealed record TokenizeIndex(int VocabularySize, int BlockSize, int BosId, int EosId, IReadOnlyDictionary<string, string> Shards)
{
    public static TokenizeIndex Read(string path)
    {
        try
        {
            var index = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException($"{path}: empty index");
            int Field(string name) => index[name]?.GetValue<int>() ?? throw new InvalidDataException($"{path}: no \"{name}\"");
            var shards = (index["shards"]?.AsArray() ?? [])
                .Select(s => s!.AsObject())
                .ToDictionary(s => s["split"]!.GetValue<string>(), s => s["file"]!.GetValue<string>());
            return new TokenizeIndex(Field("vocab_size"), Field("block_size"), Field("bos_id"), Field("eos_id"), shards);
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: {error.Message}", error);
        }
    }

    /// <summary>The file of a split ("train", "val", "replay"), or null when the tokenizer wrote none.</summary>
    public string? ShardFile(string split) => Shards.TryGetValue(split, out var file) ? file : null;
}
