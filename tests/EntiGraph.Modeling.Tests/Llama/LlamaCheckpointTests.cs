using System.Text.Json.Nodes;
using EntiGraph.Modeling.Llama;
using EntiGraph.Modeling.SafeTensors;
using TorchSharp;
using static TorchSharp.torch;

namespace EntiGraph.Modeling.Tests.Llama;

public sealed class LlamaCheckpointTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "entigraph-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_saved_folder_loads_back_bit_exactly(bool tied)
    {
        using var model = LlamaModelTests.SeededModel(LlamaModelTests.Tiny(tied), seed: 99);
        LlamaCheckpoint.Save(model, _folder);
        using var loaded = LlamaCheckpoint.Load(_folder);

        Assert.Equal(model.Config, loaded.Config with { Architectures = model.Config.Architectures });
        foreach (var (name, tensor) in model.state_dict())
            Assert.True(tensor.equal(loaded.state_dict()[name]).all().item<bool>(), $"{name} differs after the round trip");
        Assert.Equal(tied, !loaded.state_dict().ContainsKey("lm_head.weight"));
    }

    [Fact]
    public void A_sharded_checkpoint_with_an_index_and_bfloat16_weights_loads()
    {
        using var model = LlamaModelTests.SeededModel(LlamaModelTests.Tiny(tied: false), seed: 5);
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, LlamaCheckpoint.ConfigFile), model.Config.ToJson());
        // Two shards in bfloat16, the way large Hugging Face checkpoints come, plus a rotary buffer older exports carry.
        var weights = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().to_type(ScalarType.BFloat16));
        var names = weights.Keys.Order(StringComparer.Ordinal).ToList();
        var first = names.Take(names.Count / 2).ToDictionary(n => n, n => weights[n]);
        var second = names.Skip(names.Count / 2).ToDictionary(n => n, n => weights[n]);
        second["model.layers.0.self_attn.rotary_emb.inv_freq"] = torch.ones(4);
        SafeTensorsFile.Write(Path.Combine(_folder, "model-00001-of-00002.safetensors"), first);
        SafeTensorsFile.Write(Path.Combine(_folder, "model-00002-of-00002.safetensors"), second);
        var map = new JsonObject();
        foreach (var name in first.Keys)
            map[name] = "model-00001-of-00002.safetensors";
        foreach (var name in second.Keys)
            map[name] = "model-00002-of-00002.safetensors";
        File.WriteAllText(Path.Combine(_folder, LlamaCheckpoint.IndexFile), new JsonObject { ["weight_map"] = map }.ToJsonString());

        using var loaded = LlamaCheckpoint.Load(_folder);
        foreach (var (name, tensor) in loaded.state_dict())
        {
            Assert.Equal(ScalarType.Float32, tensor.dtype);
            Assert.True(tensor.equal(weights[name].to_type(ScalarType.Float32)).all().item<bool>(), $"{name} is not the stored bfloat16 value");
        }
    }

    [Fact]
    public void A_missing_tensor_or_a_wrong_shape_names_the_tensor()
    {
        using var model = LlamaModelTests.SeededModel(LlamaModelTests.Tiny(tied: true), seed: 1);
        LlamaCheckpoint.Save(model, _folder);
        var weights = Path.Combine(_folder, LlamaCheckpoint.WeightsFile);

        var partial = model.state_dict().Where(kv => kv.Key != "model.norm.weight").ToDictionary(kv => kv.Key, kv => kv.Value);
        SafeTensorsFile.Write(weights, partial);
        var missing = Assert.Throws<InvalidDataException>(() => LlamaCheckpoint.Load(_folder));
        Assert.Contains("'model.norm.weight'", missing.Message);

        var reshaped = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Key == "model.norm.weight" ? torch.ones(7) : kv.Value);
        SafeTensorsFile.Write(weights, reshaped);
        var shape = Assert.Throws<InvalidDataException>(() => LlamaCheckpoint.Load(_folder));
        Assert.Contains("'model.norm.weight' has shape [7]", shape.Message);
    }

    [Fact]
    public void A_folder_without_weights_says_what_it_looked_for()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, LlamaCheckpoint.ConfigFile), LlamaModelTests.Tiny(tied: true).ToJson());
        var error = Assert.Throws<FileNotFoundException>(() => LlamaCheckpoint.Load(_folder));
        Assert.Contains("neither model.safetensors nor model.safetensors.index.json", error.Message);
    }
}
