using EntiGraph.Stages.Synthesize.Generators;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Synthesize.Generators;

/// <summary>The ledger adds up exactly the usage the server reported, per step, and counts store hits.</summary>
public sealed class TokenLedgerTests : IDisposable
{
    private readonly GeneratorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Totals_equal_the_usage_the_server_reported_and_store_hits_are_counted()
    {
        // A failed first attempt reports no usage, so it must add nothing.
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            Faults = [ScriptedFault.WithStatus(500)],
            Answer = c => string.Join(' ', Enumerable.Repeat("word", c.LastUserContent().Length % 7 + 1)),
        });
        var settings = GeneratorHarness.Settings(server) with { PromptPricePerMillion = 2, CompletionPricePerMillion = 10 };
        var requests = Enumerable.Range(0, 6).Select(i => GeneratorHarness.Request(i, step: i < 4 ? "entities" : "relations")).ToList();

        using var store = new ResponseStore(_harness.StorePath);
        using (var generator = _harness.Create(settings, store))
        {
            await GeneratorHarness.GenerateAll(generator, requests);

            var ledger = generator.Ledger.ToJson();
            Assert.Equal((6L, 0L, 6L), ((long)ledger["requests"]!, (long)ledger["store_hits"]!, (long)ledger["sent"]!));
            Assert.Equal(server.PromptTokensReported, (long)ledger["prompt_tokens"]!);
            Assert.Equal(server.CompletionTokensReported, (long)ledger["completion_tokens"]!);
            Assert.Equal((server.PromptTokensReported * 2 + server.CompletionTokensReported * 10) / 1e6, generator.Ledger.Cost, 12);
            foreach (var step in new[] { "entities", "relations" })
            {
                var asked = requests.Where(r => r.Step == step).Select(r => r.Messages[^1].Text).ToHashSet();
                var answered = server.Calls.Where(c => c.Answered && asked.Contains(c.LastUserContent())).ToList();
                var totals = ledger["steps"]![step]!;
                Assert.Equal(asked.Count, (long)totals["requests"]!);
                Assert.Equal(answered.Sum(c => c.PromptTokens), (long)totals["prompt_tokens"]!);
                Assert.Equal(answered.Sum(c => c.CompletionTokens), (long)totals["completion_tokens"]!);
            }
        }

        using var again = _harness.Create(settings, store);
        await GeneratorHarness.GenerateAll(again, requests);

        var replay = again.Ledger.ToJson();
        Assert.Equal((6L, 6L, 0L), ((long)replay["requests"]!, (long)replay["store_hits"]!, (long)replay["sent"]!));
        Assert.Equal(server.PromptTokensReported, (long)replay["prompt_tokens"]!);
        Assert.Equal(server.CompletionTokensReported, (long)replay["completion_tokens"]!);
        Assert.Equal(7, server.Calls.Count);
    }
}
