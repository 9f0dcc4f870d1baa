using EntiGraph.Engine.Running;
using EntiGraph.Stages.Synthesize.Generators;

namespace EntiGraph.Stages.Synthesize;

/// <summary>What a method needs: the generator, the seed, progress, and a place to report documents that failed.</summary>
public sealed class SynthesisContext(Generator? generator, int seed, IProgressTask progress)
{
    private readonly List<DocumentFailure> _failures = [];
    private readonly Lock _lock = new();

    public Generator Generator => generator ?? throw new InvalidOperationException("this method needs a generator");

    public int Seed => seed;

    public IProgressTask Progress => progress;

    public IReadOnlyList<DocumentFailure> Failures
    {
        get
        {
            lock (_lock)
            {
                return _failures.OrderBy(f => f.DocumentId, StringComparer.Ordinal).ToList();
            }
        }
    }

    public void Fail(DocumentFailure failure)
    {
        lock (_lock)
        {
            _failures.Add(failure);
        }
    }

    public static SyntheticRow Row(SourceDocument document, string kind, int index, IReadOnlyList<string> entities, GenerationResult result) => new()
    {
        Id = $"{document.Id}/{kind}/{index}",
        DocumentId = document.Id,
        Kind = kind,
        Entities = [.. entities],
        Text = result.Text.Trim(),
        PromptHash = result.RequestHash,
        Model = result.Model,
        PromptTokens = result.PromptTokens,
        CompletionTokens = result.CompletionTokens,
    };
}

/// <summary>A document a method gave up on, with the answers it could not use.</summary>
public sealed record DocumentFailure(string DocumentId, string Step, string Reason, IReadOnlyList<string> RawAnswers);

/// <summary>A way of turning documents into synthetic text.</summary>
public interface ISynthesisMethod
{
    /// <summary>Rows for one document, in a deterministic order; an empty list if the document failed (see <see cref="SynthesisContext.Fail"/>).</summary>
    Task<IReadOnlyList<SyntheticRow>> SynthesizeAsync(SourceDocument document, SynthesisContext context, CancellationToken cancellationToken);

    /// <summary>About how many requests a document takes, for the progress bar.</summary>
    int EstimateRequests(SourceDocument document);
}
