using EntiGraph.Stages.Extract;
using EntiGraph.Stages.Synthesize.Generators;
using Microsoft.Extensions.AI;

namespace EntiGraph.Stages.Evaluate;

/// <summary>
/// Samples through the synthesize stage's generator: the prompt goes as one user message, each sample is
/// its own request (the sample index is part of its key), and every answer is kept in the response store,
/// so a rerun, or the recorded backend, replays it without the endpoint.
/// </summary>
public sealed class EndpointAnswerSampler(Generator generator, int samples) : IAnswerSampler
{
    public const string Step = "generative";

    public async Task<IReadOnlyList<AnswerSample>> SampleAsync(QuestionRow question, string prompt, CancellationToken cancellationToken)
    {
        IReadOnlyList<ChatMessage> messages = [new ChatMessage(ChatRole.User, prompt)];
        var answers = await Task.WhenAll(Enumerable.Range(0, samples).Select(i =>
            generator.GenerateAsync(new GenerationRequest(Step, question.DocumentId, messages, SampleIndex: i), cancellationToken)));
        // The stop strings are applied here, after the fact: endpoints differ in how they honour stop
        // sequences, and most strip the one that matched, which holds the answer. A returned message is
        // whole, so it counts as ended.
        return answers.Select(a => new AnswerSample(a.Text, Ended: true)).ToList();
    }
}
