using EntiGraph.Engine.Running;
using Microsoft.Extensions.AI;

namespace EntiGraph.Stages.Synthesize.Generators;

/// <summary>
/// What methods call: answers from the response store when it can, otherwise from the backend, and
/// stores every new answer before returning it. With no backend (the recorded one) a miss is an error
/// that says which step, document and request hash are missing and how to reach a real endpoint.
/// </summary>
public sealed class Generator(GeneratorSettings settings, ResponseStore store, IChatClient? backend, IRunReporter reporter) : IDisposable
{
    public TokenLedger Ledger { get; } = new(settings.PromptPricePerMillion, settings.CompletionPricePerMillion);

    public GeneratorSettings Settings => settings;

    /// <summary>Every request hash asked for, stored or sent: what an export must hold to replay the run.</summary>
    public IReadOnlyCollection<string> RequestHashes
    {
        get
        {
            lock (_hashes)
            {
                return _hashes.Order(StringComparer.Ordinal).ToList();
            }
        }
    }

    private readonly HashSet<string> _hashes = new(StringComparer.Ordinal);

    public async Task<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        var document = RequestKey.Document(settings, request);
        var hash = RequestKey.Hash(document);
        lock (_hashes)
        {
            _hashes.Add(hash);
        }

        GenerationResult result;
        if (store.TryGet(hash) is { } stored)
        {
            result = new GenerationResult(stored.Response, hash, settings.Model, stored.PromptTokens, stored.CompletionTokens, FromStore: true);
        }
        else if (backend is null)
        {
            throw new GenerationException(
                $"step '{request.Step}', document '{request.DocumentId}': request {hash} is not in the response store, and the "
                + $"'{GeneratorSettings.Recorded}' backend sends nothing. To generate it, set `generator.backend: {GeneratorSettings.OpenAi}` "
                + "with `base_urls` of an OpenAI-compatible endpoint (vLLM, llama.cpp, Ollama, OpenAI) and the API key in the "
                + $"variable named by `api_key_env` ({settings.ApiKeyEnv}); answers it gives are stored and then served to every run.");
        }
        else
        {
            var response = await SendAsync(request, hash, cancellationToken);
            var (prompt, completion) = (response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
            store.Put(new StoredResponse(hash, document, response.Text, prompt, completion));
            result = new GenerationResult(response.Text, hash, settings.Model, prompt, completion, FromStore: false);
        }

        Ledger.Record(request.Step, result);
        return result;
    }

    private async Task<ChatResponse> SendAsync(GenerationRequest request, string hash, CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            ModelId = settings.Model,
            Temperature = (float)settings.Temperature,
            TopP = (float)settings.TopP,
            MaxOutputTokens = settings.MaxTokens,
            Seed = settings.Seed,
            ResponseFormat = request.Json ? ChatResponseFormat.Json : null,
        };
        try
        {
            return await backend!.GetResponseAsync(request.Messages, options, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            reporter.Info($"step '{request.Step}', document '{request.DocumentId}', request {hash}: {e.Message}");
            throw new GenerationException($"step '{request.Step}', document '{request.DocumentId}', request {hash}: {e.Message}", e);
        }
    }

    public void Dispose() => (backend as IDisposable)?.Dispose();
}
