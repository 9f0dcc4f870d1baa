using System.Text;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Synthesize;

public sealed class SynthesizeSecretsTests : IDisposable
{
    private const string Secret = "sk-test-3c1f9e0b77d24a6f";

    private readonly SynthesisHarness _harness = new();
    private readonly string _keyVariable = "ENTIGRAPH_TEST_KEY_" + Guid.NewGuid().ToString("N");

    public SynthesizeSecretsTests() => Environment.SetEnvironmentVariable(_keyVariable, Secret);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_keyVariable, null);
        _harness.Dispose();
    }

    [Fact]
    public async Task The_api_key_reaches_the_endpoint_and_nothing_else()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            Answer = call => call.RequestJson()["response_format"] is not null
                ? "{\"summary\": \"s\", \"entities\": [\"a\", \"b\"]}"
                : "a relates to b",
        });
        var experiment = _harness.Write(SynthesisHarness.Yaml($"""
              generator:
                backend: openai
                base_urls: [{server.V1}]
                model: fake-model
                api_key_env: {_keyVariable}
            """));

        var manifest = await _harness.SynthesizeAsync(experiment);

        Assert.Equal(4, (int)manifest.Metrics["rows"]!);
        Assert.All(server.Calls, c => Assert.Equal("Bearer " + Secret, c.Authorization));
        foreach (var file in Directory.EnumerateFiles(_harness.Workspace.Root, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(File.ReadAllBytes(file)));
        }

        Assert.DoesNotContain(_harness.Reporter.Messages, m => m.Contains(Secret, StringComparison.Ordinal));
    }
}
