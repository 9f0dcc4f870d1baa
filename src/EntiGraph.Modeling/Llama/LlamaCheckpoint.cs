using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Modeling.SafeTensors;
using TorchSharp;

namespace EntiGraph.Modeling.Llama;

/// <summary>
/// A model folder in the Hugging Face layout: <c>config.json</c> beside <c>model.safetensors</c>, or beside
/// <c>model.safetensors.index.json</c> and its shards, as larger checkpoints come.
/// </summary>
public static class LlamaCheckpoint
{
    public const string ConfigFile = "config.json";
    public const string WeightsFile = "model.safetensors";
    public const string IndexFile = "model.safetensors.index.json";

    /// <summary>Writes config.json and model.safetensors (float32, sorted names, so equal weights give equal bytes).</summary>
    public static void Save(LlamaModel model, string folder, IReadOnlyDictionary<string, string>? metadata = null)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ConfigFile), model.Config.ToJson() + "\n");
        using var scope = torch.NewDisposeScope();
        var tensors = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().cpu().contiguous());
        var withFormat = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>()) { ["format"] = "pt" };
        SafeTensorsFile.Write(Path.Combine(folder, WeightsFile), tensors, withFormat);
    }

    /// <summary>Reads config.json from <paramref name="folder"/>; a missing or invalid file names the path.</summary>
    public static LlamaConfig ReadConfig(string folder)
    {
        var path = Path.Combine(folder, ConfigFile);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no config.json; a model folder needs config.json and model.safetensors.", path);
        try
        {
            return LlamaConfig.FromJson(File.ReadAllText(path));
        }
        catch (Exception error) when (error is JsonException or ArgumentException or FormatException)
        {
            throw new InvalidDataException($"{path}: {error.Message}", error);
        }
    }

    /// <summary>A model built from the folder's config with every parameter loaded from its safetensors, on <paramref name="device"/>.</summary>
    public static LlamaModel Load(string folder, torch.Device? device = null)
    {
        TorchRuntime.EnsureLoaded();
        var model = new LlamaModel(ReadConfig(folder));
        try
        {
            LoadWeights(model, folder);
            if (device is not null)
                model.to(device);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Copies every parameter of <paramref name="model"/> from the folder's weights, converting the stored dtype.</summary>
    public static void LoadWeights(LlamaModel model, string folder)
    {
        var shards = ShardsOf(folder);
        var expected = model.state_dict();
        var found = new HashSet<string>(StringComparer.Ordinal);
        using var noGrad = torch.no_grad();
        foreach (var shard in shards)
        {
            using var reader = SafeTensorsFile.Read(shard);
            foreach (var name in reader.Names)
            {
                if (!expected.TryGetValue(name, out var target))
                {
                    if (Ignorable(name, model.Config))
                        continue;
                    throw new InvalidDataException($"{shard}: tensor '{name}' has no place in a Llama model with this config.json.");
                }

                var shape = reader.Shape(name);
                if (!shape.SequenceEqual(target.shape))
                    throw new InvalidDataException($"{shard}: tensor '{name}' has shape [{string.Join(", ", shape)}], the model expects [{string.Join(", ", target.shape)}].");
                using var stored = reader.Tensor(name);
                target.copy_(stored.to_type(target.dtype));
                found.Add(name);
            }
        }

        var missing = expected.Keys.Where(k => !found.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"{folder}: the checkpoint lacks {missing.Count} tensor(s) of the model, first '{missing[0]}'.");
    }

    // Older exports carry the rotary frequencies as a buffer, and some tied checkpoints also store lm_head:
    // both are recomputed or shared here.
    private static bool Ignorable(string name, LlamaConfig config) =>
        name.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal) || (config.TieWordEmbeddings && name == "lm_head.weight");

    private static List<string> ShardsOf(string folder)
    {
        var single = Path.Combine(folder, WeightsFile);
        if (File.Exists(single))
            return [single];
        var index = Path.Combine(folder, IndexFile);
        if (!File.Exists(index))
            throw new FileNotFoundException($"{folder}: neither {WeightsFile} nor {IndexFile} is there.", single);
        JsonObject map;
        try
        {
            map = JsonNode.Parse(File.ReadAllText(index))?["weight_map"]?.AsObject()
                  ?? throw new InvalidDataException($"{index}: no \"weight_map\" object.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{index}: line {error.LineNumber + 1}: {error.Message}", error);
        }

        return map.Select(kv => kv.Value?.GetValue<string>() ?? throw new InvalidDataException($"{index}: tensor '{kv.Key}' maps to no file."))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(file => Path.Combine(folder, file))
            .ToList();
    }
}
