using Microsoft.Extensions.AI;

namespace EntiGraph.Stages.Synthesize.Generators;

/// <summary>
/// One chat generation a method asks for. <see cref="Step"/> and <see cref="DocumentId"/> only name it
/// in messages; the request's identity (its hash) is the model, messages, parameters, seed and
/// <see cref="SampleIndex"/>, so two samples of one prompt are two requests.
/// </summary>
public sealed record GenerationRequest(string Step, string DocumentId, IReadOnlyList<ChatMessage> Messages, bool Json = false, int SampleIndex = 0);

/// <summary>The answer, with its token counts and whether it came from the response store.</summary>
public sealed record GenerationResult(string Text, string RequestHash, string Model, long PromptTokens, long CompletionTokens, bool FromStore);

/// <summary>A generation that failed for good; the message names the step, document and request hash (and the server's request id if any).</summary>
public sealed class GenerationException(string message, Exception? inner = null) : Exception(message, inner);
