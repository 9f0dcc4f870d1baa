using EntiGraph.Modeling.Generation;
using EntiGraph.Modeling.Llama;
using EntiGraph.Stages.Tokenize;
using TorchSharp;

namespace EntiGraph.Stages.Evaluate;

/// <summary>Mean next-token loss and perplexity of the model over the blocks of a token shard.</summary>
public static class Perplexity
{
    public static TokenNll OfShard(LlamaModel model, TokenShard shard, int batchSize, int maxBlocks)
    {
        int blocks = shard.Tokens.Length / shard.BlockSize;
        if (maxBlocks > 0)
            blocks = Math.Min(blocks, maxBlocks);
        if (shard.Tokens.Length > 0 && shard.Tokens.Max() >= model.Config.VocabSize)
            throw new InvalidDataException($"the shard holds token id {shard.Tokens.Max()}, outside the model's vocabulary of {model.Config.VocabSize}: it was made with another tokenizer");
        var total = new TokenNll(0, 0);
        for (int first = 0; first < blocks; first += batchSize)
        {
            int rows = Math.Min(batchSize, blocks - first);
            using var scope = torch.NewDisposeScope();
            var ids = new long[rows * shard.BlockSize];
            for (int i = 0; i < ids.Length; i++)
                ids[i] = shard.Tokens[first * shard.BlockSize + i];
            total += LoglikelihoodScorer.NegativeLogLikelihoodOfBlocks(model, torch.tensor(ids, [rows, shard.BlockSize]));
        }
        return total;
    }
}
