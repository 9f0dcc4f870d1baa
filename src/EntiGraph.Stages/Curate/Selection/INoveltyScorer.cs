namespace EntiGraph.Stages.Curate.Selection;

/// <summary>
/// Perplexity of a document under the base model before continued pretraining (ETA-DACP-ppl): higher
/// means the model has seen less like it. The train stage provides the implementation.
/// </summary>
public interface INoveltyScorer
{
    double Perplexity(string text);
}
