namespace EntiGraph.Stages.Curate.Selection;

/// <summary>
/// One pool document's scores, as measured (not rescaled): <see cref="Similarity"/> is the cosine to the
/// task centroid, in [0, 1]; <see cref="Diversity"/> is the entropy of its token classes divided by its
/// maximum, in [0, 1]; <see cref="Novelty"/> is the perplexity under the base model, or null when novelty
/// has no weight. <see cref="Combined"/> is the weighted mean of the three after each is min-max
/// normalised over the pool (novelty on log perplexity), in [0, 1]; it is what ranks and samples.
/// </summary>
public sealed record SelectionScore(string Id, double Similarity, double Diversity, double? Novelty, double Combined, bool Selected);
