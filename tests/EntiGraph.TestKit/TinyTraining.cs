namespace EntiGraph.TestKit;

/// <summary>Tokenize and train sections small enough that the standard pipeline trains in about a second.</summary>
public static class TinyTraining
{
    /// <summary>
    /// A 300-token BPE on blocks of 17 and a one-layer model of width 16 taking <paramref name="steps"/>
    /// steps of 2 blocks, at the top level of an experiment file; <paramref name="extraTrain"/> lines (two
    /// spaces of indentation) join the train section. Scoring multiple-choice options needs longer blocks
    /// (<paramref name="blockSize"/>): an option must fit in the model's context.
    /// </summary>
    public static string Sections(long steps, string extraTrain = "", int blockSize = 17) => $"""
        tokenize:
          vocab_size: 300
          block_size: {blockSize}
        train:
          model:
            hidden_size: 16
            intermediate_size: 32
            num_hidden_layers: 1
            num_attention_heads: 2
            num_key_value_heads: 1
          batch_size: 2
          max_steps: {steps}
        {extraTrain}
        """;
}
