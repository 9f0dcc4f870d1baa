using EntiGraph.TestKit;
using EntiGraph.Stages.Synthesize.Generators;

namespace EntiGraph.Stages.Tests.Synthesize.Generators;

/// <summary>
/// max_concurrency is both a ceiling and a target: with more requests than slots, the server must see
/// exactly that many at once. The proof is the server's in-flight count, never elapsed time.
/// </summary>
public sealed class ConcurrencyTests : IDisposable
{
    private readonly GeneratorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public async Task The_server_sees_exactly_max_concurrency_requests_at_once(int concurrency)
    {
        // A latency long enough that every slot's request arrives while the others are still held.
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { Latency = TimeSpan.FromMilliseconds(100) });
        var settings = GeneratorHarness.Settings(server) with { MaxConcurrency = concurrency };
        using var store = new ResponseStore(_harness.StorePath);
        using var generator = _harness.Create(settings, store);
        var requests = Enumerable.Range(0, 4 * concurrency).Select(i => GeneratorHarness.Request(i)).ToList();

        var results = await GeneratorHarness.GenerateAll(generator, requests);

        Assert.Equal(concurrency, server.MaxInFlight);
        Assert.Equal(4 * concurrency, server.Calls.Count);
        Assert.Equal(
            requests.Select(r => "answer to: " + r.Messages[^1].Text),
            results.Select(r => r.Text));
        Assert.Equal(4 * concurrency, store.Count());
    }
}
