using EntiGraph.Stages.Synthesize.Generators;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Synthesize.Generators;

/// <summary>A cancelled run stops its requests at once, retries nothing, stores nothing and gives its slot back.</summary>
public sealed class CancellationTests : IDisposable
{
    private readonly GeneratorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_cancelled_request_is_not_retried_or_stored_and_frees_its_slot()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            Faults = [ScriptedFault.Hold(TimeSpan.FromSeconds(60))],
            Answer = call =>
            {
                arrived.TrySetResult();
                return "answer to: " + call.LastUserContent();
            },
        });
        var settings = GeneratorHarness.Settings(server) with { MaxConcurrency = 1 };
        using var store = new ResponseStore(_harness.StorePath);
        using var generator = _harness.Create(settings, store);
        using var cancellation = new CancellationTokenSource();

        var held = generator.GenerateAsync(GeneratorHarness.Request(1), cancellation.Token);
        await arrived.Task;
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
        var next = await generator.GenerateAsync(GeneratorHarness.Request(2), CancellationToken.None);
        Assert.Equal(2, server.Calls.Count);
        Assert.Equal(server.Calls[1].Answer, next.Text);
        Assert.Equal(1, store.Count());
        Assert.DoesNotContain(_harness.Reporter.Messages, m => m.Contains("attempt", StringComparison.Ordinal));
    }
}
