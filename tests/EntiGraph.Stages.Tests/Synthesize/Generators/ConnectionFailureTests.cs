using EntiGraph.Stages.Synthesize.Generators;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Synthesize.Generators;

/// <summary>Failures below HTTP: resets, timeouts and a server that is not there at all.</summary>
public sealed class ConnectionFailureTests : IDisposable
{
    private readonly GeneratorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_connection_reset_before_the_reply_is_retried()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { Faults = [ScriptedFault.Reset()] });
        using var store = new ResponseStore(_harness.StorePath);
        using var generator = _harness.Create(GeneratorHarness.Settings(server), store);

        var result = await generator.GenerateAsync(GeneratorHarness.Request(1), CancellationToken.None);

        Assert.Equal(2, server.Calls.Count);
        Assert.Equal(server.Calls[1].Answer, result.Text);
        Assert.Contains(_harness.Reporter.Messages, m => m.EndsWith("; attempt 2 of 4 in 0 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reply_slower_than_timeout_seconds_is_abandoned_and_retried()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { Faults = [ScriptedFault.Hold(TimeSpan.FromSeconds(30))] });
        var settings = GeneratorHarness.Settings(server) with { TimeoutSeconds = 1 };
        using var store = new ResponseStore(_harness.StorePath);
        using var generator = _harness.Create(settings, store);

        var result = await generator.GenerateAsync(GeneratorHarness.Request(1), CancellationToken.None);

        Assert.Equal(2, server.Calls.Count);
        Assert.Equal(server.Calls[1].Answer, result.Text);
        Assert.Contains("the request timed out; attempt 2 of 4 in 0 s", _harness.Reporter.Messages);
    }

    [Fact]
    public async Task A_server_that_is_not_listening_fails_after_the_retries_naming_the_request()
    {
        string deadUrl;
        await using (var gone = await FakeOpenAiServer.StartAsync())
        {
            deadUrl = gone.V1;
        }

        var settings = new GeneratorSettings
        {
            Backend = GeneratorSettings.OpenAi, BaseUrls = [deadUrl], Model = GeneratorHarness.Model, Retries = 2, BackoffSeconds = 0,
        };
        using var store = new ResponseStore(_harness.StorePath);
        using var generator = _harness.Create(settings, store);
        var request = GeneratorHarness.Request(1);
        var hash = RequestKey.Hash(RequestKey.Document(settings, request));

        var error = await Assert.ThrowsAsync<GenerationException>(() => generator.GenerateAsync(request, CancellationToken.None));

        Assert.StartsWith($"step 'rephrase', document 'doc-001', request {hash}: ", error.Message);
        Assert.EndsWith("; gave up after 3 attempt(s)", error.Message);
        Assert.Equal(2, _harness.Reporter.Messages.Count(m => m.Contains(" of 3 in 0 s", StringComparison.Ordinal)));
    }
}
