using System.Diagnostics;
using EntiGraph.Engine.Running;
using EntiGraph.Stages.Synthesize.Generators;
using EntiGraph.TestKit;
using Microsoft.Extensions.AI;

namespace EntiGraph.Benchmarks;

/// <summary>
/// How close the generator comes to the throughput its concurrency limit allows: against a server that
/// takes a fixed time per request, C requests in flight can at best finish C / latency per second. What
/// is lost is the client's own cost: the SDK, HTTP, and the durable write of each answer.
/// </summary>
internal static class GeneratorThroughputBenchmark
{
    public static async Task RunAsync(int requests, int concurrency, int latencyMilliseconds)
    {
        using var workspace = new TempWorkspace();
        var latency = TimeSpan.FromMilliseconds(latencyMilliseconds);
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { Latency = latency });
        var settings = new GeneratorSettings
        {
            Backend = GeneratorSettings.OpenAi,
            BaseUrls = [server.V1],
            Model = "benchmark",
            MaxConcurrency = concurrency,
            Retries = 0,
        };
        using var store = new ResponseStore(Path.Combine(workspace.Root, "responses", "responses.sqlite"));
        using var generator = new Generator(settings, store, Backends.Create(settings, SilentReporter.Instance), SilentReporter.Instance);

        // Connections opened and code compiled before the clock starts: the figure is the steady state.
        await Generate(generator, "warm-up", concurrency);
        var clock = Stopwatch.StartNew();
        await Generate(generator, "measured", requests);
        clock.Stop();

        var achieved = requests / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"generator throughput: {requests} requests, max_concurrency {concurrency}, server latency {latencyMilliseconds} ms");
        Console.WriteLine($"  elapsed                {clock.Elapsed.TotalMilliseconds,9:0} ms");
        Console.WriteLine($"  achieved               {achieved,9:0.0} requests/s");
        if (latency > TimeSpan.Zero)
        {
            // Requests run in waves when N is not much larger than C, so the last, partial wave keeps even a
            // perfect client below C / latency; the shortest possible time says how far.
            var ideal = concurrency / latency.TotalSeconds;
            var waves = (requests + concurrency - 1) / concurrency;
            Console.WriteLine($"  ideal (C / latency)    {ideal,9:0.0} requests/s");
            Console.WriteLine($"  fraction of ideal      {achieved / ideal,9:0.000}");
            Console.WriteLine($"  shortest possible      {waves * latency.TotalMilliseconds,9:0} ms  ({waves} waves of {latencyMilliseconds} ms)");
        }

        Console.WriteLine($"  server's max in flight {server.MaxInFlight,9}");
    }

    private static Task<GenerationResult[]> Generate(Generator generator, string step, int count) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => generator.GenerateAsync(
            new GenerationRequest(step, $"doc-{i}", [new ChatMessage(ChatRole.User, $"{step} request {i}: write a paragraph about it.")]),
            CancellationToken.None)));
}
