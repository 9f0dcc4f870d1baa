using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Stages.Synthesize.Generators;

namespace EntiGraph.Stages.Synthesize;

/// <summary>Settings of the EntiGraph method (<c>entigraph:</c>).</summary>
public sealed record EntigraphSettings(int MaxEntities, bool Pairs, int MaxTriples, long TokensPerDocument, int ExtractionAttempts);

/// <summary>
/// EntiGraph: one extraction call per document gives a summary (a corpus row of its own) and the
/// salient entities; then a relation text for every pair of entities in list order, then for triples
/// in a seeded shuffle, until the document's token budget or the triple cap is reached. Requests of one
/// document go one at a time, so the budget cuts at the same place on every run; documents run in parallel.
/// </summary>
public sealed class EntigraphMethod(EntigraphSettings settings) : ISynthesisMethod
{
    public int EstimateRequests(SourceDocument document)
    {
        var n = settings.MaxEntities > 0 ? settings.MaxEntities : 10;
        return 1 + (settings.Pairs ? n * (n - 1) / 2 : 0) + (settings.MaxTriples > 0 ? settings.MaxTriples : 0);
    }

    public async Task<IReadOnlyList<SyntheticRow>> SynthesizeAsync(SourceDocument document, SynthesisContext context, CancellationToken cancellationToken)
    {
        var extraction = await ExtractAsync(document, context, cancellationToken);
        if (extraction is null)
        {
            return [];
        }

        var (summary, entities) = extraction.Value;
        var rows = new List<SyntheticRow> { SynthesisContext.Row(document, "summary", 0, entities, summary) };
        context.Progress.Advance(1);
        var tokens = summary.CompletionTokens;
        foreach (var (kind, group) in Relations(entities, context.Seed))
        {
            if (settings.TokensPerDocument > 0 && tokens >= settings.TokensPerDocument)
            {
                break;
            }

            var result = await context.Generator.GenerateAsync(
                new GenerationRequest(kind, document.Id, Prompts.Relation(document, group)), cancellationToken);
            rows.Add(SynthesisContext.Row(document, kind, rows.Count(r => r.Kind == kind), group, result));
            tokens += result.CompletionTokens;
            context.Progress.Advance(1);
        }

        return rows;
    }

    /// <summary>Every pair i&lt;j in list order, then the triples i&lt;j&lt;k in a seeded order, capped.</summary>
    public IEnumerable<(string Kind, IReadOnlyList<string> Entities)> Relations(IReadOnlyList<string> entities, int seed)
    {
        if (settings.Pairs)
        {
            for (var i = 0; i < entities.Count; i++)
            {
                for (var j = i + 1; j < entities.Count; j++)
                {
                    yield return ("pair", [entities[i], entities[j]]);
                }
            }
        }

        if (settings.MaxTriples == 0)
        {
            yield break;
        }

        var triples = new List<(int, int, int)>();
        for (var i = 0; i < entities.Count; i++)
        {
            for (var j = i + 1; j < entities.Count; j++)
            {
                for (var k = j + 1; k < entities.Count; k++)
                {
                    triples.Add((i, j, k));
                }
            }
        }

        var taken = SeededShuffle.Shuffle(triples, seed);
        foreach (var (i, j, k) in settings.MaxTriples > 0 ? taken.Take(settings.MaxTriples) : taken)
        {
            yield return ("triple", [entities[i], entities[j], entities[k]]);
        }
    }

    private async Task<(GenerationResult Summary, IReadOnlyList<string> Entities)?> ExtractAsync(SourceDocument document, SynthesisContext context, CancellationToken cancellationToken)
    {
        var answers = new List<string>();
        for (var attempt = 0; attempt < settings.ExtractionAttempts; attempt++)
        {
            // A malformed answer is asked again as a new sample: a new request with its own stored answer.
            var result = await context.Generator.GenerateAsync(
                new GenerationRequest("extraction", document.Id, Prompts.Extraction(document), Json: true, SampleIndex: attempt), cancellationToken);
            if (ParseExtraction(result.Text) is { } parsed)
            {
                var entities = settings.MaxEntities > 0 ? parsed.Entities.Take(settings.MaxEntities).ToList() : parsed.Entities;
                return (result with { Text = parsed.Summary }, entities);
            }

            answers.Add(result.Text);
        }

        context.Fail(new DocumentFailure(document.Id, "extraction",
            $"no valid {{\"summary\", \"entities\"}} JSON in {settings.ExtractionAttempts} attempt(s)", answers));
        return null;
    }

    /// <summary>The summary and the distinct, non-empty entities of an answer, or null if it is not the JSON asked for.</summary>
    public static (string Summary, IReadOnlyList<string> Entities)? ParseExtraction(string answer)
    {
        var text = answer.Trim();
        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            // Some endpoints wrap JSON-mode answers in a code fence.
            text = text[(text.IndexOf('\n') + 1)..].TrimEnd('`', '\n', ' ');
        }

        try
        {
            if (JsonNode.Parse(text) is not JsonObject obj
                || obj["summary"] is not JsonValue summaryNode || !summaryNode.TryGetValue<string>(out var summary)
                || obj["entities"] is not JsonArray list)
            {
                return null;
            }

            var entities = new List<string>();
            foreach (var item in list)
            {
                if (item is not JsonValue value || !value.TryGetValue<string>(out var name))
                {
                    return null;
                }

                name = name.Trim();
                if (name.Length > 0 && !entities.Contains(name, StringComparer.Ordinal))
                {
                    entities.Add(name);
                }
            }

            return string.IsNullOrWhiteSpace(summary) || entities.Count == 0 ? null : (summary.Trim(), entities);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
