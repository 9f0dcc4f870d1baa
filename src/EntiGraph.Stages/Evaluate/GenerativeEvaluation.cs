using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Stages.Extract;

namespace EntiGraph.Stages.Evaluate;

/// <summary>
/// The EntiGraph paper's closed-book protocol: each question as the sixth of five worked examples,
/// several sampled chains of thought, one sample that states an answer scored per question.
/// </summary>
public static class GenerativeEvaluation
{
    public static async Task<List<GenerativeResult>> RunAsync(IReadOnlyList<QuestionRow> questions, IReadOnlyDictionary<string, ArticleFacts> articles,
        IAnswerSampler sampler, GenerativeSettings settings, IProgressTask progress, CancellationToken cancellationToken)
    {
        // Side by side for an endpoint (its client caps the requests in flight); the local sampler finishes
        // each question before returning, so the model still sees one question at a time.
        var results = await Task.WhenAll(questions.Select(async question =>
        {
            var prompt = GenerativePrompt.Render(question, articles.GetValueOrDefault(question.DocumentId));
            var samples = await sampler.SampleAsync(question, prompt, cancellationToken);
            progress.Advance(1);
            return Judge(question, samples, settings.Selection, settings.Seed);
        }));
        return [.. results];
    }

    /// <summary>Parses every sample of a question, picks one that states an answer, and scores it.</summary>
    public static GenerativeResult Judge(QuestionRow question, IReadOnlyList<AnswerSample> samples, string selection, long seed)
    {
        if (samples.Count == 0)
            throw new ArgumentException($"question {question.QuestionId}: no samples to judge", nameof(samples));
        var letters = AnswerParser.Letters(question.Options.Count);
        if (question.Gold < 0 || question.Gold >= letters.Count)
            throw new InvalidDataException($"question {question.QuestionId}: the right option is {question.Gold}, outside its {letters.Count} options (0 to {letters.Count - 1})");
        var parsed = samples.Select(s => AnswerParser.Parse(s, letters.Count)).ToList();
        var chosen = SampleSelection.Choose(parsed, selection, seed, question.QuestionId);
        var choice = chosen is { } index ? parsed[index].Choice : null;
        return new GenerativeResult
        {
            QuestionId = question.QuestionId,
            DocumentId = question.DocumentId,
            Gold = letters[question.Gold].ToString(),
            Choice = choice is { } c ? letters[c].ToString() : null,
            Correct = choice == question.Gold,
            Samples = samples.Count,
            ValidSamples = parsed.Count(p => p.Valid),
            Text = chosen is { } i ? parsed[i].Text : samples[0].Text,
        };
    }

    /// <summary>
    /// eval.json's figures. acc is over the questions with an answer, as the paper reports it; acc_all
    /// counts the others as wrong, which is what a reader comparing models that fail to answer at
    /// different rates needs.
    /// </summary>
    public static JsonObject Summary(IReadOnlyList<GenerativeResult> results, GenerativeSettings settings)
    {
        var parsed = results.Where(r => r.Choice is not null).ToList();
        var acc = MeanWithError.Of(parsed.Select(Score).ToList());
        var accAll = MeanWithError.Of(results.Select(Score).ToList());
        var unparsed = results.Where(r => r.Choice is null).Select(r => (JsonNode?)r.QuestionId).ToArray();
        var summary = new JsonObject
        {
            ["questions"] = results.Count,
            ["parsed"] = parsed.Count,
            ["unparsed"] = unparsed.Length,
            ["unparsed_ids"] = new JsonArray(unparsed),
            ["acc"] = EvaluateStage.Finite(acc.Mean),
            ["acc_stderr"] = EvaluateStage.Finite(acc.StandardError),
            ["acc_all"] = EvaluateStage.Finite(accAll.Mean),
            ["acc_all_stderr"] = EvaluateStage.Finite(accAll.StandardError),
            ["samples"] = settings.Samples,
            ["selection"] = settings.Selection,
            ["temperature"] = settings.Temperature,
            ["top_p"] = settings.TopP,
            ["max_new_tokens"] = settings.MaxNewTokens,
            ["seed"] = settings.Seed,
            ["backend"] = settings.Backend,
        };
        if (settings.Generator is { } generator)
            summary["model"] = generator.Model;
        return summary;
    }

    private static double Score(GenerativeResult result) => result.Correct ? 1.0 : 0.0;
}
