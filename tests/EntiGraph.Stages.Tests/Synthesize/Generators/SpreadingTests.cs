using EntiGraph.Stages.Synthesize.Generators;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Synthesize.Generators;

/// <summary>Several base URLs share the work, and a retry moves on to the next one.</summary>
public sealed class SpreadingTests : IDisposable
{
    private readonly GeneratorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Requests_are_spread_over_every_base_url()
    {
        await using var first = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { Name = "first", Latency = TimeSpan.FromMilliseconds(20) });
        await using var second = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { Name = "second", Latency = TimeSpan.FromMilliseconds(20) });
        var settings = GeneratorHarness.Settings(first, second) with { MaxConcurrency = 4 };
        using var store = new ResponseStore(_harness.StorePath);
        using var generator = _harness.Create(settings, store);

        var results = await GeneratorHarness.GenerateAll(generator, Enumerable.Range(0, 12).Select(i => GeneratorHarness.Request(i)));

        Assert.NotEmpty(first.Calls);
        Assert.NotEmpty(second.Calls);
        Assert.Equal(12, first.Calls.Count + second.Calls.Count);
        Assert.Equal(12, results.Select(r => r.Text).Distinct().Count());
    }

    [Fact]
    public async Task A_request_failing_on_one_base_url_is_retried_on_the_next()
    {
        await using var broken = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            Name = "broken",
            Faults = Enumerable.Repeat<ScriptedFault?>(ScriptedFault.WithStatus(503), 100).ToList(),
        });
        await using var healthy = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { Name = "healthy" });
        var settings = GeneratorHarness.Settings(broken, healthy) with { Retries = 1 };
        using var store = new ResponseStore(_harness.StorePath);
        using var generator = _harness.Create(settings, store);

        foreach (var i in Enumerable.Range(0, 4))
        {
            var result = await generator.GenerateAsync(GeneratorHarness.Request(i), CancellationToken.None);
            Assert.Equal(healthy.Calls[^1].Answer, result.Text);
        }

        Assert.Equal(4, broken.Calls.Count);
        Assert.Equal(4, healthy.Calls.Count);
    }
}
