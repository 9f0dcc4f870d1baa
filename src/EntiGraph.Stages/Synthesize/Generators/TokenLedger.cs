using System.Text.Json.Nodes;

namespace EntiGraph.Stages.Synthesize.Generators;

/// <summary>Requests, store hits and tokens per step, and what they cost at the configured prices.</summary>
public sealed class TokenLedger(double promptPricePerMillion, double completionPricePerMillion)
{
    private readonly Dictionary<string, StepTotals> _steps = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Record(string step, GenerationResult result)
    {
        lock (_lock)
        {
            var totals = _steps.TryGetValue(step, out var t) ? t : new StepTotals();
            totals.Requests++;
            totals.StoreHits += result.FromStore ? 1 : 0;
            totals.PromptTokens += result.PromptTokens;
            totals.CompletionTokens += result.CompletionTokens;
            _steps[step] = totals;
        }
    }

    public long Requests => Sum(t => t.Requests);

    public long StoreHits => Sum(t => t.StoreHits);

    /// <summary>The cost of every answer, stored or not: what the corpus cost to make.</summary>
    public double Cost => Sum(t => t.PromptTokens) * promptPricePerMillion / 1e6 + Sum(t => t.CompletionTokens) * completionPricePerMillion / 1e6;

    public JsonObject ToJson()
    {
        lock (_lock)
        {
            var steps = new JsonObject();
            foreach (var (step, t) in _steps.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                steps[step] = new JsonObject
                {
                    ["requests"] = t.Requests,
                    ["store_hits"] = t.StoreHits,
                    ["prompt_tokens"] = t.PromptTokens,
                    ["completion_tokens"] = t.CompletionTokens,
                };
            }

            return new JsonObject
            {
                ["requests"] = Requests,
                ["store_hits"] = StoreHits,
                ["sent"] = Requests - StoreHits,
                ["prompt_tokens"] = Sum(t => t.PromptTokens),
                ["completion_tokens"] = Sum(t => t.CompletionTokens),
                ["cost_usd"] = Math.Round(Cost, 4),
                ["steps"] = steps,
            };
        }
    }

    private long Sum(Func<StepTotals, long> field)
    {
        lock (_lock)
        {
            return _steps.Values.Sum(field);
        }
    }

    private sealed class StepTotals
    {
        public long Requests;
        public long StoreHits;
        public long PromptTokens;
        public long CompletionTokens;
    }
}
