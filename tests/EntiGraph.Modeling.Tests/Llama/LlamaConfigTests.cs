using System.Text.Json;
using EntiGraph.Modeling.Llama;

namespace EntiGraph.Modeling.Tests.Llama;

public class LlamaConfigTests
{
    [Fact]
    public void Json_round_trips()
    {
        var config = LlamaModelTests.Tiny(tied: true) with { RopeTheta = 500000.0, BosTokenId = 7, EosTokenId = 9 };

        string json = config.ToJson();
        var back = LlamaConfig.FromJson(json);

        Assert.Equal(json, back.ToJson());
        Assert.Equal(config.Architectures, back.Architectures);
        // Records compare lists by reference; with the same list the rest must be equal field by field.
        Assert.Equal(config, back with { Architectures = config.Architectures });
    }

    [Fact]
    public void Json_uses_the_hugging_face_field_names()
    {
        using var doc = JsonDocument.Parse(LlamaModelTests.Tiny(tied: false).ToJson());
        var root = doc.RootElement;
        string[] fields =
        [
            "vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads",
            "num_key_value_heads", "max_position_embeddings", "rms_norm_eps", "rope_theta", "tie_word_embeddings",
            "bos_token_id", "eos_token_id", "architectures", "model_type", "torch_dtype",
        ];
        foreach (string field in fields)
            Assert.True(root.TryGetProperty(field, out _), $"\"{field}\" is missing from {root}");

        Assert.Equal("LlamaForCausalLM", root.GetProperty("architectures")[0].GetString());
        Assert.Equal("llama", root.GetProperty("model_type").GetString());
        Assert.Equal(64, root.GetProperty("vocab_size").GetInt32());
        Assert.Equal(2, root.GetProperty("num_key_value_heads").GetInt32());
        Assert.False(root.GetProperty("tie_word_embeddings").GetBoolean());
        Assert.False(root.TryGetProperty("HeadDim", out _));
    }

    [Fact]
    public void Reads_a_hugging_face_config_with_extra_fields()
    {
        const string json = """
        {
          "architectures": ["LlamaForCausalLM"], "attention_bias": false, "bos_token_id": 1, "eos_token_id": 2,
          "hidden_act": "silu", "hidden_size": 2048, "initializer_range": 0.02, "intermediate_size": 5632,
          "max_position_embeddings": 2048, "model_type": "llama", "num_attention_heads": 32, "num_hidden_layers": 22,
          "num_key_value_heads": 4, "rms_norm_eps": 1e-05, "rope_scaling": null, "rope_theta": 10000.0,
          "tie_word_embeddings": false, "torch_dtype": "bfloat16", "vocab_size": 32000
        }
        """;
        var config = LlamaConfig.FromJson(json);
        Assert.Equal(2048, config.HiddenSize);
        Assert.Equal(4, config.NumKeyValueHeads);
        Assert.Equal(64, config.HeadDim);
        Assert.Equal(1e-5, config.RmsNormEps);
        Assert.Equal("bfloat16", config.TorchDtype);
    }

    [Fact]
    public void Hidden_size_not_divisible_by_heads_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            (LlamaModelTests.Tiny(tied: false) with { HiddenSize = 30 }).Validate());
        Assert.Contains("hidden_size (30) must be divisible by num_attention_heads (4)", error.Message);
    }

    [Fact]
    public void Heads_not_divisible_by_kv_heads_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            (LlamaModelTests.Tiny(tied: false) with { NumKeyValueHeads = 3 }).Validate());
        Assert.Contains("num_attention_heads (4) must be divisible by num_key_value_heads (3)", error.Message);
    }

    [Fact]
    public void FromJson_validates()
    {
        string json = (LlamaModelTests.Tiny(tied: false) with { NumKeyValueHeads = 3 }).ToJson();
        Assert.Throws<ArgumentException>(() => LlamaConfig.FromJson(json));
    }
}
