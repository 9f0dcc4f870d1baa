using System.ClientModel;
using System.ClientModel.Primitives;
using EntiGraph.Stages.Synthesize.Generators;
using Microsoft.Extensions.AI;
using OpenAI;

namespace EntiGraph.Stages.Tests.Synthesize.Generators;

/// <summary>
/// The per-endpoint OpenAI SDK clients, configured as <see cref="Backends.Create"/> configures them, for
/// tests that must build <see cref="ResilientChatClient"/> themselves to reach its <c>Wait</c> hook.
/// </summary>
internal static class SdkEndpoints
{
    public static IReadOnlyList<IChatClient> Build(GeneratorSettings settings) =>
        settings.BaseUrls.Select(url => new OpenAIClient(new ApiKeyCredential("unused"), new OpenAIClientOptions
        {
            Endpoint = new Uri(url),
            NetworkTimeout = TimeSpan.FromSeconds(settings.TimeoutSeconds),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        }).GetChatClient(settings.Model).AsIChatClient()).ToList();

    /// <summary>A resilient client whose waits are recorded instead of slept.</summary>
    public static ResilientChatClient WithRecordedWaits(GeneratorSettings settings, GeneratorHarness harness, List<TimeSpan> waits) =>
        new(Build(settings), settings, harness.Reporter)
        {
            Wait = (wait, _) =>
            {
                lock (waits)
                {
                    waits.Add(wait);
                }

                return Task.CompletedTask;
            },
        };
}
