using System.Text.Json.Nodes;
using EntiGraph.Modeling.Llama;

namespace EntiGraph.Stages.Train;

/// <summary>
/// The trained model as a Hugging Face folder: config.json, generation_config.json, model.safetensors and
/// the tokenizer's files, so that it loads in transformers and as another experiment's base model.
/// </summary>
public static class ModelFolder
{
    public const string GenerationConfigFile = "generation_config.json";

    public static void Write(LlamaModel model, string folder, string tokenizerFolder)
    {
        LlamaCheckpoint.Save(model, folder);
        File.WriteAllText(Path.Combine(folder, GenerationConfigFile), new JsonObject
        {
            ["bos_token_id"] = model.Config.BosTokenId,
            ["eos_token_id"] = model.Config.EosTokenId,
        }.ToJsonString() + "\n");
        if (!Directory.Exists(tokenizerFolder))
            return;
        foreach (var file in Directory.GetFiles(tokenizerFolder).Order(StringComparer.Ordinal))
        {
            var target = Path.Combine(folder, Path.GetFileName(file));
            // config.json belongs to the model; a tokenizer never ships one, but a copied folder might.
            if (!File.Exists(target))
                File.Copy(file, target);
        }
    }
}
