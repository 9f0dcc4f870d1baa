using System.Text.Json;
using System.Text.Json.Serialization;

namespace EntiGraph.Modeling.Llama;

/// <summary>
/// The shape of a Llama model, serialized with the field names of Hugging Face's <c>config.json</c>
/// so that a checkpoint written here can be read by transformers and the other way round.
/// </summary>
public sealed record LlamaConfig
{
    [JsonPropertyName("architectures")] public IReadOnlyList<string> Architectures { get; init; } = ["LlamaForCausalLM"];
    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "llama";
    [JsonPropertyName("torch_dtype")] public string TorchDtype { get; init; } = "float32";

    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; } = 32000;
    [JsonPropertyName("hidden_size")] public int HiddenSize { get; init; } = 4096;
    [JsonPropertyName("intermediate_size")] public int IntermediateSize { get; init; } = 11008;
    [JsonPropertyName("num_hidden_layers")] public int NumHiddenLayers { get; init; } = 32;
    [JsonPropertyName("num_attention_heads")] public int NumAttentionHeads { get; init; } = 32;
    [JsonPropertyName("num_key_value_heads")] public int NumKeyValueHeads { get; init; } = 32;
    [JsonPropertyName("max_position_embeddings")] public int MaxPositionEmbeddings { get; init; } = 2048;
    [JsonPropertyName("rms_norm_eps")] public double RmsNormEps { get; init; } = 1e-6;
    [JsonPropertyName("rope_theta")] public double RopeTheta { get; init; } = 10000.0;
    [JsonPropertyName("tie_word_embeddings")] public bool TieWordEmbeddings { get; init; }
    [JsonPropertyName("bos_token_id")] public int BosTokenId { get; init; } = 1;
    [JsonPropertyName("eos_token_id")] public int EosTokenId { get; init; } = 2;

    // Written so that transformers does not fall back to its own default; only SwiGLU's silu is implemented.
    [JsonPropertyName("hidden_act")] public string HiddenAct { get; init; } = "silu";

    /// <summary>Width of one attention head; query, key and value heads all share it.</summary>
    [JsonIgnore] public int HeadDim => HiddenSize / NumAttentionHeads;

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads a <c>config.json</c>; unknown fields (there are many in real checkpoints) are ignored.</summary>
    public static LlamaConfig FromJson(string json)
    {
        var config = JsonSerializer.Deserialize<LlamaConfig>(json, Options)
            ?? throw new FormatException("The Llama config JSON is null.");
        config.Validate();
        return config;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that cannot make a working model.</summary>
    public void Validate()
    {
        Positive(VocabSize, "vocab_size");
        Positive(HiddenSize, "hidden_size");
        Positive(IntermediateSize, "intermediate_size");
        Positive(NumHiddenLayers, "num_hidden_layers");
        Positive(NumAttentionHeads, "num_attention_heads");
        Positive(NumKeyValueHeads, "num_key_value_heads");
        Positive(MaxPositionEmbeddings, "max_position_embeddings");
        if (HiddenSize % NumAttentionHeads != 0)
            throw new ArgumentException(
                $"hidden_size ({HiddenSize}) must be divisible by num_attention_heads ({NumAttentionHeads}).");
        if (NumAttentionHeads % NumKeyValueHeads != 0)
            throw new ArgumentException(
                $"num_attention_heads ({NumAttentionHeads}) must be divisible by num_key_value_heads ({NumKeyValueHeads}), " +
                "so that each key/value head serves a whole group of query heads.");
        // rotate_half splits every head into two halves.
        if (HeadDim % 2 != 0)
            throw new ArgumentException($"The head dimension ({HeadDim} = hidden_size / num_attention_heads) must be even for rotary embeddings.");
        if (!(RmsNormEps > 0))
            throw new ArgumentException($"rms_norm_eps ({RmsNormEps}) must be positive.");
        if (!(RopeTheta > 0))
            throw new ArgumentException($"rope_theta ({RopeTheta}) must be positive.");
        if (HiddenAct != "silu")
            throw new ArgumentException($"hidden_act \"{HiddenAct}\" is not supported; only \"silu\" is.");
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
            throw new ArgumentException($"{name} must be positive, not {value}.");
    }
}
