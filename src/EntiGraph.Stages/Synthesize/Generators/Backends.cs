using System.ClientModel;
using System.ClientModel.Primitives;
using EntiGraph.Engine.Running;
using Microsoft.Extensions.AI;
using OpenAI;

namespace EntiGraph.Stages.Synthesize.Generators;

/// <summary>Builds the chat client a generator settings section asks for.</summary>
public static class Backends
{
    /// <summary>The backend, or null for the recorded one (which answers only from the store).</summary>
    public static IChatClient? Create(GeneratorSettings settings, IRunReporter reporter)
    {
        if (settings.Backend == GeneratorSettings.Recorded)
        {
            return null;
        }

        // Local servers (vLLM, llama.cpp, Ollama) take any key; the variable may then be unset.
        var key = Environment.GetEnvironmentVariable(settings.ApiKeyEnv) is { Length: > 0 } k ? k : "unused";
        var endpoints = settings.BaseUrls.Select(url => new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(url),
            NetworkTimeout = TimeSpan.FromSeconds(settings.TimeoutSeconds),

            // Retries are ResilientChatClient's, so that Retry-After, backoff and the limits are one policy.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        }).GetChatClient(settings.Model).AsIChatClient()).ToList();
        return new ResilientChatClient(endpoints, settings, reporter);
    }
}
