namespace EntiGraph.Stages.Synthesize;

/// <summary>The Raw CPT baseline: the documents themselves, once per epoch, so that it is an experiment like the others.</summary>
public sealed class RawMethod(int epochs) : ISynthesisMethod
{
    public int EstimateRequests(SourceDocument document) => 0;

    public Task<IReadOnlyList<SyntheticRow>> SynthesizeAsync(SourceDocument document, SynthesisContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SyntheticRow>>(Enumerable.Range(0, epochs).Select(epoch => new SyntheticRow
        {
            Id = $"{document.Id}/raw/{epoch}",
            DocumentId = document.Id,
            Kind = "raw",
            Text = document.Text,
        }).ToList());
}
