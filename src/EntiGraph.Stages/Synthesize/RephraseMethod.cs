using EntiGraph.Stages.Synthesize.Generators;

namespace EntiGraph.Stages.Synthesize;

/// <summary>The Rephrase CPT baseline: each document rewritten once per configured style.</summary>
public sealed class RephraseMethod(IReadOnlyList<string> styles) : ISynthesisMethod
{
    public int EstimateRequests(SourceDocument document) => styles.Count;

    public async Task<IReadOnlyList<SyntheticRow>> SynthesizeAsync(SourceDocument document, SynthesisContext context, CancellationToken cancellationToken)
    {
        var rows = new List<SyntheticRow>();
        foreach (var style in styles)
        {
            var result = await context.Generator.GenerateAsync(
                new GenerationRequest($"rephrase-{style}", document.Id, Prompts.Rephrase(document, style)), cancellationToken);
            rows.Add(SynthesisContext.Row(document, $"rephrase-{style}", 0, [], result));
            context.Progress.Advance(1);
        }

        return rows;
    }
}
