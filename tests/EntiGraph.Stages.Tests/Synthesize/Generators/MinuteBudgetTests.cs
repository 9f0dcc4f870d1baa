using EntiGraph.Stages.Synthesize.Generators;

namespace EntiGraph.Stages.Tests.Synthesize.Generators;

public sealed class MinuteBudgetTests
{
    private static readonly DateTime Start = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Requests_per_minute_hold_the_next_request_until_the_oldest_leaves_the_window()
    {
        var budget = new MinuteBudget(requestsPerMinute: 3, tokensPerMinute: 0);

        Assert.Null(budget.TryAcquire(Start));
        Assert.Null(budget.TryAcquire(Start.AddSeconds(10)));
        Assert.Null(budget.TryAcquire(Start.AddSeconds(20)));

        Assert.Equal(TimeSpan.FromSeconds(30), budget.TryAcquire(Start.AddSeconds(30)));
        Assert.Null(budget.TryAcquire(Start.AddSeconds(60)));
        Assert.Equal(TimeSpan.FromSeconds(10), budget.TryAcquire(Start.AddSeconds(60)));
    }

    [Fact]
    public void Tokens_per_minute_hold_requests_once_the_window_has_spent_its_tokens()
    {
        var budget = new MinuteBudget(requestsPerMinute: 0, tokensPerMinute: 1000);

        Assert.Null(budget.TryAcquire(Start));
        budget.RecordTokens(600, Start.AddSeconds(1));
        Assert.Null(budget.TryAcquire(Start.AddSeconds(2)));
        budget.RecordTokens(500, Start.AddSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(55), budget.TryAcquire(Start.AddSeconds(6)));
        Assert.Null(budget.TryAcquire(Start.AddSeconds(61)));
    }

    [Fact]
    public void No_limits_never_wait()
    {
        var budget = new MinuteBudget(0, 0);

        Assert.All(Enumerable.Range(0, 1000), _ => Assert.Null(budget.TryAcquire(Start)));
    }
}
