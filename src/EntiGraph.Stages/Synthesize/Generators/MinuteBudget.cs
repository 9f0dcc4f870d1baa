namespace EntiGraph.Stages.Synthesize.Generators;

/// <summary>
/// Requests and tokens per minute over a sliding 60-second window: a request waits while the last
/// minute already holds the configured number of requests or tokens. Zero means no limit.
/// </summary>
internal sealed class MinuteBudget(int requestsPerMinute, int tokensPerMinute)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Queue<DateTime> _requests = new();
    private readonly Queue<(DateTime At, long Tokens)> _tokens = new();
    private readonly Lock _lock = new();
    private long _tokensInWindow;

    public async Task WaitForRequestAsync(CancellationToken cancellationToken)
    {
        while (TryAcquire(DateTime.UtcNow) is { } wait)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    /// <summary>Takes a request slot at <paramref name="now"/> (null), or says how long until one frees.</summary>
    public TimeSpan? TryAcquire(DateTime now)
    {
        lock (_lock)
        {
            Purge(now);
            var wait = TimeSpan.Zero;
            if (requestsPerMinute > 0 && _requests.Count >= requestsPerMinute)
            {
                wait = _requests.Peek() + Window - now;
            }

            if (tokensPerMinute > 0 && _tokensInWindow >= tokensPerMinute && _tokens.Count > 0)
            {
                var tokenWait = _tokens.Peek().At + Window - now;
                wait = tokenWait > wait ? tokenWait : wait;
            }

            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            _requests.Enqueue(now);
            return null;
        }
    }

    public void RecordTokens(long tokens) => RecordTokens(tokens, DateTime.UtcNow);

    public void RecordTokens(long tokens, DateTime at)
    {
        lock (_lock)
        {
            _tokens.Enqueue((at, tokens));
            _tokensInWindow += tokens;
        }
    }

    private void Purge(DateTime now)
    {
        while (_requests.Count > 0 && now - _requests.Peek() >= Window)
        {
            _requests.Dequeue();
        }

        while (_tokens.Count > 0 && now - _tokens.Peek().At >= Window)
        {
            _tokensInWindow -= _tokens.Dequeue().Tokens;
        }
    }
}
