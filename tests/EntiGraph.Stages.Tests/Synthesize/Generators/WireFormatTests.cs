using EntiGraph.Stages.Synthesize.Generators;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Synthesize.Generators;

/// <summary>What the OpenAI SDK puts on the wire for a generation, and what comes back from the answer.</summary>
public sealed class WireFormatTests : IDisposable
{
    private readonly GeneratorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_request_carries_the_model_messages_and_sampling_parameters()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var settings = GeneratorHarness.Settings(server) with { Temperature = 0.7, TopP = 0.9, MaxTokens = 321, Seed = 42 };
        using var store = new ResponseStore(_harness.StorePath);
        using var generator = _harness.Create(settings, store);

        var result = await generator.GenerateAsync(GeneratorHarness.Request(1, json: true), CancellationToken.None);

        var call = Assert.Single(server.Calls);
        Assert.Equal(FakeOpenAiServer.ChatPath, call.Path);
        var body = call.RequestJson();
        Assert.Equal(GeneratorHarness.Model, (string?)body["model"]);
        Assert.Equal([("system", "You rewrite articles."), ("user", "Rewrite document number 1 in plain words.")], call.Messages());
        Assert.Equal(0.7, (double)body["temperature"]!, 6);
        Assert.Equal(0.9, (double)body["top_p"]!, 6);
        Assert.Equal(321, (int?)body["max_completion_tokens"]);
        Assert.Equal(42, (long?)body["seed"]);
        Assert.Equal("json_object", (string?)body["response_format"]?["type"]);
        Assert.Equal("answer to: Rewrite document number 1 in plain words.", result.Text);
        Assert.False(result.FromStore);
        Assert.Equal((call.PromptTokens, call.CompletionTokens), (result.PromptTokens, result.CompletionTokens));
    }
}
