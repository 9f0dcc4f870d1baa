using EntiGraph.Modeling.Generation;
using EntiGraph.Stages.Evaluate;
using EntiGraph.Stages.Extract;
using EntiGraph.Stages.Tests.Tokenize;
using EntiGraph.Stages.Tokenize;
using EntiGraph.Stages.Train;
using EntiGraph.TestKit;
using TorchSharp;

namespace EntiGraph.Stages.Tests.Evaluate;

public sealed class MultipleChoiceTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Standard_error_is_the_sample_deviation_over_root_n()
    {
        var score = MeanWithError.Of([1, 0, 1, 1]);
        Assert.Equal(0.75, score.Mean, 12);
        Assert.Equal(0.25, score.StandardError, 12);
        Assert.Equal(4, score.Count);
        Assert.True(double.IsNaN(MeanWithError.Of([1]).StandardError));
    }

    [Fact]
    public void Options_are_chosen_by_summed_and_by_per_character_likelihood_of_the_same_scores()
    {
        new ByteLevelBpeTrainer(300).Train(TokenizeCorpus.Documents).Save(_workspace.Root);
        var tokenizer = PretrainedTokenizer.Load(_workspace.Root);
        var settings = new ModelShape { HiddenSize = 16, IntermediateSize = 32, NumHiddenLayers = 1, NumAttentionHeads = 2, NumKeyValueHeads = 1 };
        using var model = ModelInitializer.FromScratch(settings.ToConfig(300, 64, tokenizer.Ids.Bos, tokenizer.Ids.Eos), 0.5, seed: 4);
        model.eval();
        using var noGrad = torch.no_grad();
        var questions = new List<QuestionRow>
        {
            new() { QuestionId = "q1", DocumentId = "d1", Question = "Who kept the books?", Options = ["Ida", "The engineer of the old bridge", "Ansel", "Zoë"], Gold = 2 },
            new() { QuestionId = "q2", DocumentId = "d2", Question = "Where did the ferry cross?", Options = ["the lake", "Fennick", "Mount Vell", "nowhere at all"], Gold = 0 },
        };
        var titles = new Dictionary<string, string?> { ["d1"] = "The Tallow Works", ["d2"] = null };

        var results = MultipleChoice.Score(model, tokenizer.Tokenizer, tokenizer.Ids.Bos, questions, titles, batchSize: 3);

        Assert.Equal(["q1", "q2"], results.Select(r => r.QuestionId));
        for (int q = 0; q < questions.Count; q++)
        {
            var context = new[] { tokenizer.Ids.Bos }.Concat(tokenizer.Tokenizer.EncodeToIds(MultipleChoice.Prompt(questions[q], titles[questions[q].DocumentId]))).ToList();
            var expected = questions[q].Options
                .Select(o => LoglikelihoodScorer.Loglikelihood(model, [new LoglikelihoodRequest(context, tokenizer.Tokenizer.EncodeToIds(" " + o).ToList())])[0])
                .ToList();
            Assert.Equal(expected.Select(e => e.TokenCount), results[q].OptionTokens);
            for (int o = 0; o < expected.Count; o++)
                Assert.Equal(expected[o].LogLikelihood, results[q].Loglikelihoods[o], 4);
            var sums = results[q].Loglikelihoods;
            Assert.Equal(sums.IndexOf(sums.Max()), results[q].Choice);
            var perCharacter = sums.Select((s, i) => s / questions[q].Options[i].Length).ToList();
            Assert.Equal(perCharacter.IndexOf(perCharacter.Max()), results[q].ChoiceNorm);
        }
        Assert.StartsWith("Article: The Tallow Works\nQuestion: Who kept the books?\nAnswer:", MultipleChoice.Prompt(questions[0], "The Tallow Works"));
        Assert.Equal("Question: Where did the ferry cross?\nAnswer:", MultipleChoice.Prompt(questions[1], null));
    }
}
