namespace EntiGraph.Stages.Download;

/// <summary>
/// How long to wait before attempt <c>n</c>: the server's Retry-After when it gives one (capped),
/// otherwise exponential backoff. The wait itself is a function so tests can record it instead of sleeping.
/// </summary>
internal sealed record RetryPolicy(int Retries, TimeSpan FirstBackoff)
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(5);

    public Func<TimeSpan, CancellationToken, Task> Wait { get; init; } = Task.Delay;

    public TimeSpan Backoff(int attempt, TimeSpan? retryAfter) =>
        retryAfter is { } asked
            ? (asked > LongestWait ? LongestWait : asked)
            : TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, FirstBackoff.Ticks * (1L << Math.Min(attempt, 30))));
}
