using System.ClientModel;
using EntiGraph.Engine.Running;
using Microsoft.Extensions.AI;

namespace EntiGraph.Stages.Synthesize.Generators;

/// <summary>
/// Spreads chat requests over several endpoints, keeps at most N in flight, paces them to the
/// per-minute limits, and retries what may succeed later (429 after its Retry-After, 408, 5xx, timeouts,
/// dropped connections) with exponential backoff. Other failures stop at once, naming the server's
/// request id when it gave one.
/// </summary>
public sealed class ResilientChatClient : IChatClient
{
    private readonly IReadOnlyList<IChatClient> _endpoints;
    private readonly SemaphoreSlim _slots;
    private readonly MinuteBudget _budget;
    private readonly int _retries;
    private readonly TimeSpan _backoff;
    private readonly IRunReporter _reporter;
    private int _next = -1;

    public ResilientChatClient(IReadOnlyList<IChatClient> endpoints, GeneratorSettings settings, IRunReporter reporter)
    {
        _endpoints = endpoints.Count > 0 ? endpoints : throw new ArgumentException("at least one endpoint is needed", nameof(endpoints));
        _slots = new SemaphoreSlim(settings.MaxConcurrency);
        _budget = new MinuteBudget(settings.RequestsPerMinute, settings.TokensPerMinute);
        _retries = settings.Retries;
        _backoff = TimeSpan.FromSeconds(settings.BackoffSeconds);
        _reporter = reporter;
    }

    /// <summary>How waits happen; tests record them instead of sleeping.</summary>
    public Func<TimeSpan, CancellationToken, Task> Wait { get; init; } = Task.Delay;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        await _slots.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                await _budget.WaitForRequestAsync(cancellationToken);
                var endpoint = _endpoints[(int)((uint)Interlocked.Increment(ref _next) % (uint)_endpoints.Count)];
                try
                {
                    var response = await endpoint.GetResponseAsync(list, options, cancellationToken);
                    _budget.RecordTokens((response.Usage?.InputTokenCount ?? 0) + (response.Usage?.OutputTokenCount ?? 0));
                    return response;
                }
                catch (Exception e) when (Failure.Classify(e, cancellationToken) is { } failure)
                {
                    if (!failure.Retryable)
                    {
                        throw new GenerationException(failure.Description, e);
                    }

                    if (attempt >= _retries)
                    {
                        throw new GenerationException($"{failure.Description}; gave up after {attempt + 1} attempt(s)", e);
                    }

                    var wait = failure.RetryAfter ?? TimeSpan.FromTicks(_backoff.Ticks * (1L << Math.Min(attempt, 20)));
                    _reporter.Info($"{failure.Description}; attempt {attempt + 2} of {_retries + 1} in {wait.TotalSeconds:0.##} s");
                    await Wait(wait, cancellationToken);
                }
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("generation for a corpus needs whole responses; streaming is not used");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
        foreach (var endpoint in _endpoints)
        {
            endpoint.Dispose();
        }

        _slots.Dispose();
    }

    /// <summary>What went wrong with one attempt, whether trying again may help, and how long the server asked to wait.</summary>
    private sealed record Failure(string Description, bool Retryable, TimeSpan? RetryAfter)
    {
        public static Failure? Classify(Exception e, CancellationToken cancellationToken)
        {
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            switch (e)
            {
                case ClientResultException { Status: var status } result:
                    var raw = result.GetRawResponse();
                    var requestId = raw?.Headers.TryGetValue("x-request-id", out var id) == true ? $" (request id {id})" : "";
                    var description = status == 0 ? $"no response: {result.InnerException?.Message ?? result.Message}" : $"HTTP {status}{requestId}";
                    var retryable = status is 0 or 408 or 429 or >= 500;
                    return new Failure(description, retryable, ParseRetryAfter(raw));
                case HttpRequestException or IOException:
                    return new Failure($"connection failed: {e.Message}", true, null);
                case OperationCanceledException or TimeoutException:
                    return new Failure("the request timed out", true, null);
                default:
                    return null;
            }
        }

        private static TimeSpan? ParseRetryAfter(System.ClientModel.Primitives.PipelineResponse? response)
        {
            if (response is null || !response.Headers.TryGetValue("Retry-After", out var value) || value is null)
            {
                return null;
            }

            if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 300));
            }

            return DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date)
                ? TimeSpan.FromTicks(Math.Clamp((date - DateTimeOffset.UtcNow).Ticks, 0, TimeSpan.FromMinutes(5).Ticks))
                : null;
        }
    }
}
