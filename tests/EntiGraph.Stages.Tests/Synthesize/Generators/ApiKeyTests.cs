using System.Text;
using EntiGraph.Stages.Synthesize.Generators;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Synthesize.Generators;

/// <summary>The API key reaches the server as a bearer token and nothing else: no store, export, message or error.</summary>
public sealed class ApiKeyTests : IDisposable
{
    private readonly GeneratorHarness _harness = new();
    private readonly string _variable = "ENTIGRAPH_TEST_KEY_" + Guid.NewGuid().ToString("N");
    private readonly string _secret = "sk-test-" + Guid.NewGuid().ToString("N");

    public ApiKeyTests() => Environment.SetEnvironmentVariable(_variable, _secret);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        _harness.Dispose();
    }

    [Fact]
    public async Task The_key_is_sent_as_a_bearer_token_and_written_nowhere()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            Faults = [ScriptedFault.WithStatus(500), null, ScriptedFault.WithStatus(401)],
        });
        var settings = GeneratorHarness.Settings(server) with { ApiKeyEnv = _variable };
        var export = Path.Combine(_harness.Folder, "responses.jsonl");
        GenerationException error;
        using (var store = new ResponseStore(_harness.StorePath))
        using (var generator = _harness.Create(settings, store))
        {
            await generator.GenerateAsync(GeneratorHarness.Request(1), CancellationToken.None);
            error = await Assert.ThrowsAsync<GenerationException>(() => generator.GenerateAsync(GeneratorHarness.Request(2), CancellationToken.None));
            await generator.GenerateAsync(GeneratorHarness.Request(3), CancellationToken.None);
            Assert.Equal(2, store.Export(export));
        }

        Assert.Equal(4, server.Calls.Count);
        Assert.All(server.Calls, c => Assert.Equal($"Bearer {_secret}", c.Authorization));
        Assert.NotEmpty(_harness.Reporter.Messages);
        Assert.DoesNotContain(_harness.Reporter.Messages, m => m.Contains(_secret, StringComparison.Ordinal));
        Assert.DoesNotContain(_secret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_secret, File.ReadAllText(export), StringComparison.Ordinal);
        var secretBytes = Encoding.UTF8.GetBytes(_secret);
        var storeFiles = Directory.GetFiles(Path.GetDirectoryName(_harness.StorePath)!);
        Assert.NotEmpty(storeFiles);
        Assert.All(storeFiles, f => Assert.Equal(-1, File.ReadAllBytes(f).AsSpan().IndexOf(secretBytes)));
    }

    [Fact]
    public async Task An_unset_key_variable_sends_a_placeholder_that_local_servers_accept()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var settings = GeneratorHarness.Settings(server) with { ApiKeyEnv = _variable + "_UNSET" };
        using var store = new ResponseStore(_harness.StorePath);
        using var generator = _harness.Create(settings, store);

        await generator.GenerateAsync(GeneratorHarness.Request(1), CancellationToken.None);

        Assert.Equal("Bearer unused", Assert.Single(server.Calls).Authorization);
    }
}
