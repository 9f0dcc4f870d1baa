using System.Text.Json.Nodes;
using EntiGraph.Engine.Spec;
using EntiGraph.Modeling.Llama;
using EntiGraph.Stages.Curate.Quality;

namespace EntiGraph.Stages.Train;

/// <summary>
/// The size of a Llama model trained from scratch. The vocabulary comes from the tokenizer and the
/// context from the block size, so the section only holds what a person chooses.
/// </summary>
public sealed record ModelShape
{
    public int HiddenSize { get; init; } = 128;

    public int IntermediateSize { get; init; } = 352;

    public int NumHiddenLayers { get; init; } = 4;

    public int NumAttentionHeads { get; init; } = 4;

    public int NumKeyValueHeads { get; init; } = 2;

    public double RopeTheta { get; init; } = 10000;

    public double RmsNormEps { get; init; } = 1e-5;

    public bool TieWordEmbeddings { get; init; } = true;

    /// <summary>Standard deviation of the normal initialisation of matrices, as Hugging Face's initializer_range.</summary>
    public double InitializerRange { get; init; } = 0.02;

    public static ConfigSchema Schema() => new ConfigSchema()
        .Integer("hidden_size", "width of the residual stream", @default: 128, min: 2, max: 1 << 16)
        .Integer("intermediate_size", "width of the SwiGLU feed-forward", @default: 352, min: 1, max: 1 << 18)
        .Integer("num_hidden_layers", "decoder layers", @default: 4, min: 1, max: 512)
        .Integer("num_attention_heads", "query heads", @default: 4, min: 1, max: 1024)
        .Integer("num_key_value_heads", "key/value heads (grouped-query attention when fewer than the query heads)", @default: 2, min: 1, max: 1024)
        .Number("rope_theta", "base of the rotary frequencies", @default: 10000.0, min: 1)
        .Number("rms_norm_eps", "epsilon of RMSNorm", @default: 1e-5, min: 0)
        .Boolean("tie_word_embeddings", "share the input embedding with the output projection", @default: true)
        .Number("initializer_range", "standard deviation of the initial weights", @default: 0.02, min: 0);

    public static ModelShape From(JsonObject section)
    {
        var defaults = new ModelShape();
        return new()
        {
            HiddenSize = SectionValues.ToInt("hidden_size", SectionValues.Integer(section, "hidden_size", defaults.HiddenSize)),
            IntermediateSize = SectionValues.ToInt("intermediate_size", SectionValues.Integer(section, "intermediate_size", defaults.IntermediateSize)),
            NumHiddenLayers = SectionValues.ToInt("num_hidden_layers", SectionValues.Integer(section, "num_hidden_layers", defaults.NumHiddenLayers)),
            NumAttentionHeads = SectionValues.ToInt("num_attention_heads", SectionValues.Integer(section, "num_attention_heads", defaults.NumAttentionHeads)),
            NumKeyValueHeads = SectionValues.ToInt("num_key_value_heads", SectionValues.Integer(section, "num_key_value_heads", defaults.NumKeyValueHeads)),
            RopeTheta = SectionValues.Number(section, "rope_theta", defaults.RopeTheta),
            RmsNormEps = SectionValues.Number(section, "rms_norm_eps", defaults.RmsNormEps),
            TieWordEmbeddings = SectionValues.Boolean(section, "tie_word_embeddings", defaults.TieWordEmbeddings),
            InitializerRange = SectionValues.Number(section, "initializer_range", defaults.InitializerRange),
        };
    }

    /// <summary>The Hugging Face config of this shape for a tokenizer and a context length.</summary>
    public LlamaConfig ToConfig(int vocabularySize, int contextLength, int bosId, int eosId) => new()
    {
        VocabSize = vocabularySize,
        HiddenSize = HiddenSize,
        IntermediateSize = IntermediateSize,
        NumHiddenLayers = NumHiddenLayers,
        NumAttentionHeads = NumAttentionHeads,
        NumKeyValueHeads = NumKeyValueHeads,
        MaxPositionEmbeddings = contextLength,
        RopeTheta = RopeTheta,
        RmsNormEps = RmsNormEps,
        TieWordEmbeddings = TieWordEmbeddings,
        BosTokenId = bosId,
        EosTokenId = eosId,
    };
}
