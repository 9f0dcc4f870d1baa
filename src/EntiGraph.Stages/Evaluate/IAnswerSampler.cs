using EntiGraph.Stages.Extract;

namespace EntiGraph.Stages.Evaluate;

/// <summary>Whatever continues a generative prompt: the trained model, or an endpoint.</summary>
public interface IAnswerSampler
{
    /// <summary>The configured number of samples for one question's prompt, in sample order.</summary>
    Task<IReadOnlyList<AnswerSample>> SampleAsync(QuestionRow question, string prompt, CancellationToken cancellationToken);
}
