using EntiGraph.Modeling.Generation;
using EntiGraph.Modeling.Llama;
using EntiGraph.Stages.Extract;
using Microsoft.ML.Tokenizers;

namespace EntiGraph.Stages.Evaluate;

/// <summary>
/// Closed-book multiple choice by likelihood, as lm-evaluation-harness scores it: the model reads the
/// article's title and the question (never the article), each option is a continuation " {option}", and
/// the answer is the option with the highest summed log-probability (acc) or the highest per character
/// (acc_norm, which removes the bias toward short options).
/// </summary>
public static class MultipleChoice
{
    public static string Prompt(QuestionRow question, string? title) =>
        (string.IsNullOrWhiteSpace(title) ? "" : $"Article: {title}\n") + $"Question: {question.Question}\nAnswer:";

    public static List<QuestionResult> Score(LlamaModel model, Tokenizer tokenizer, int bos, IReadOnlyList<QuestionRow> questions,
        IReadOnlyDictionary<string, string?> titles, int batchSize)
    {
        var requests = new List<LoglikelihoodRequest>();
        foreach (var question in questions)
        {
            var context = new List<int> { bos };
            context.AddRange(tokenizer.EncodeToIds(Prompt(question, titles.GetValueOrDefault(question.DocumentId))));
            foreach (var option in question.Options)
                requests.Add(new LoglikelihoodRequest(context, tokenizer.EncodeToIds(" " + option).ToList()));
        }

        var scores = LoglikelihoodScorer.Loglikelihood(model, requests, batchSize);
        var results = new List<QuestionResult>(questions.Count);
        int next = 0;
        foreach (var question in questions)
        {
            var options = scores.Skip(next).Take(question.Options.Count).ToList();
            next += question.Options.Count;
            var perCharacter = options.Select((s, i) => s.LogLikelihood / Math.Max(1, question.Options[i].Length)).ToList();
            results.Add(new QuestionResult
            {
                QuestionId = question.QuestionId,
                DocumentId = question.DocumentId,
                Gold = question.Gold,
                Choice = ArgMax(options.Select(s => s.LogLikelihood).ToList()),
                ChoiceNorm = ArgMax(perCharacter),
                Loglikelihoods = options.Select(s => s.LogLikelihood).ToList(),
                OptionTokens = options.Select(s => s.TokenCount).ToList(),
            });
        }
        return results;
    }

    // Ties go to the first option, so a constant model is scored as always answering A rather than at random.
    private static int ArgMax(IReadOnlyList<double> values)
    {
        int best = 0;
        for (int i = 1; i < values.Count; i++)
        {
            if (values[i] > values[best])
                best = i;
        }
        return best;
    }
}
