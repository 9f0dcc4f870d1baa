using EntiGraph.Stages.Synthesize.Generators;
using EntiGraph.TestKit;
using Microsoft.Extensions.AI;

namespace EntiGraph.Stages.Tests.Synthesize.Generators;

/// <summary>
/// A temporary folder for response stores, a recording reporter, and generators built the way the
/// stage builds them (<see cref="Backends.Create"/>), pointed at fake servers.
/// </summary>
internal sealed class GeneratorHarness : IDisposable
{
    public const string Model = "fake-model";

    private readonly TempWorkspace _workspace = new();

    public RecordingReporter Reporter { get; } = new();

    public string Folder => _workspace.Root;

    public string StorePath => Path.Combine(Folder, "responses", "responses.sqlite");

    /// <summary>Settings for the openai backend over the given servers, with no waits between attempts.</summary>
    public static GeneratorSettings Settings(params FakeOpenAiServer[] servers) => new()
    {
        Backend = GeneratorSettings.OpenAi,
        BaseUrls = servers.Select(s => s.V1).ToList(),
        Model = Model,
        ApiKeyEnv = "ENTIGRAPH_TEST_KEY_THAT_IS_NEVER_SET",
        Retries = 3,
        BackoffSeconds = 0,
        TimeoutSeconds = 30,
    };

    public Generator Create(GeneratorSettings settings, ResponseStore store) =>
        new(settings, store, Backends.Create(settings, Reporter), Reporter);

    public static GenerationRequest Request(int index, string step = "rephrase", bool json = false) => new(
        step,
        $"doc-{index:D3}",
        [
            new ChatMessage(ChatRole.System, "You rewrite articles."),
            new ChatMessage(ChatRole.User, $"Rewrite document number {index} in plain words."),
        ],
        json);

    public static Task<GenerationResult[]> GenerateAll(Generator generator, IEnumerable<GenerationRequest> requests) =>
        Task.WhenAll(requests.Select(r => generator.GenerateAsync(r, CancellationToken.None)));

    public void Dispose() => _workspace.Dispose();
}
