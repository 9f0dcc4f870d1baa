using EntiGraph.Stages.Synthesize.Generators;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Synthesize.Generators;

/// <summary>Which failures are tried again, how long the client waits, and what a final failure says.</summary>
public sealed class RetryTests : IDisposable
{
    private readonly GeneratorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_429_is_retried_after_the_servers_Retry_After()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { Faults = [ScriptedFault.WithStatus(429, retryAfter: "7")] });

        // A backoff unlike 7 s, so that the wait can only have come from the header.
        var settings = GeneratorHarness.Settings(server) with { BackoffSeconds = 1 };
        var waits = new List<TimeSpan>();
        using var store = new ResponseStore(_harness.StorePath);
        using var generator = new Generator(settings, store, SdkEndpoints.WithRecordedWaits(settings, _harness, waits), _harness.Reporter);

        var result = await generator.GenerateAsync(GeneratorHarness.Request(1), CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(7)], waits);
        var calls = server.Calls;
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.Equal(calls[1].Answer, result.Text);
        Assert.Contains("HTTP 429 (request id req_fake_0000); attempt 2 of 4 in 7 s", _harness.Reporter.Messages);
    }

    [Fact]
    public async Task Without_Retry_After_the_wait_doubles_from_backoff_seconds()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            Faults = [ScriptedFault.WithStatus(503), ScriptedFault.WithStatus(502), ScriptedFault.WithStatus(500)],
        });
        var settings = GeneratorHarness.Settings(server) with { BackoffSeconds = 0.25 };
        var waits = new List<TimeSpan>();
        using var store = new ResponseStore(_harness.StorePath);
        using var generator = new Generator(settings, store, SdkEndpoints.WithRecordedWaits(settings, _harness, waits), _harness.Reporter);

        var result = await generator.GenerateAsync(GeneratorHarness.Request(1), CancellationToken.None);

        Assert.Equal([0.25, 0.5, 1.0], waits.Select(w => w.TotalSeconds));
        Assert.Equal(4, server.Calls.Count);
        Assert.Equal(server.Calls[3].Answer, result.Text);
    }

    [Fact]
    public async Task A_500_is_retried_and_the_answer_stored()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { Faults = [ScriptedFault.WithStatus(500)] });
        using var store = new ResponseStore(_harness.StorePath);
        using var generator = _harness.Create(GeneratorHarness.Settings(server), store);

        var result = await generator.GenerateAsync(GeneratorHarness.Request(1), CancellationToken.None);

        Assert.Equal([500, 200], server.Calls.Select(c => c.Status));
        Assert.Equal(server.Calls[1].Answer, result.Text);
        Assert.Equal(result.Text, store.TryGet(result.RequestHash)?.Response);
        Assert.Contains("HTTP 500 (request id req_fake_0000); attempt 2 of 4 in 0 s", _harness.Reporter.Messages);
    }

    [Fact]
    public async Task A_connection_dropped_halfway_through_the_answer_is_retried()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { Faults = [ScriptedFault.Drop()] });
        using var store = new ResponseStore(_harness.StorePath);
        using var generator = _harness.Create(GeneratorHarness.Settings(server), store);

        var result = await generator.GenerateAsync(GeneratorHarness.Request(1), CancellationToken.None);

        var calls = server.Calls;
        Assert.Equal(2, calls.Count);
        Assert.Equal(calls[1].Answer, result.Text);
        Assert.Contains(_harness.Reporter.Messages, m => m.EndsWith("; attempt 2 of 4 in 0 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_400_fails_at_once_naming_the_servers_request_id_and_the_request()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { Faults = [ScriptedFault.WithStatus(400)] });
        var settings = GeneratorHarness.Settings(server);
        using var store = new ResponseStore(_harness.StorePath);
        using var generator = _harness.Create(settings, store);
        var request = GeneratorHarness.Request(7, step: "entities");
        var hash = RequestKey.Hash(RequestKey.Document(settings, request));

        var error = await Assert.ThrowsAsync<GenerationException>(() => generator.GenerateAsync(request, CancellationToken.None));

        Assert.Equal($"step 'entities', document 'doc-007', request {hash}: HTTP 400 (request id req_fake_0000)", error.Message);
        Assert.Single(server.Calls);
        Assert.Equal(0, store.Count());
    }

    [Fact]
    public async Task Retries_run_out_after_the_configured_number_of_attempts()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            Faults = Enumerable.Repeat<ScriptedFault?>(ScriptedFault.WithStatus(503), 10).ToList(),
        });
        var settings = GeneratorHarness.Settings(server) with { Retries = 2 };
        using var store = new ResponseStore(_harness.StorePath);
        using var generator = _harness.Create(settings, store);

        var error = await Assert.ThrowsAsync<GenerationException>(() => generator.GenerateAsync(GeneratorHarness.Request(1), CancellationToken.None));

        Assert.EndsWith(": HTTP 503 (request id req_fake_0002); gave up after 3 attempt(s)", error.Message);
        Assert.Equal(3, server.Calls.Count);
        Assert.Equal(0, store.Count());
    }
}
