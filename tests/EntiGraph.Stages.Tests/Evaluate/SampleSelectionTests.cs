using EntiGraph.Stages.Evaluate;
using EntiGraph.Stages.Extract;

namespace EntiGraph.Stages.Tests.Evaluate;

public sealed class SampleSelectionTests
{
    private static readonly QuestionRow Question = new() { QuestionId = "q7", DocumentId = "d1", Question = "Who kept the books?", Options = ["Ansel", "Ida", "Zoë", "Tolm"], Gold = 1 };

    // Samples 1, 3 and 4 state answers (C, B, B); 0 and 2 do not.
    private static readonly AnswerSample[] Samples =
    [
        new("Not sure.", Ended: false),
        new("Zoë kept them.\nAnswer: C.\n", Ended: false),
        new("Answer: D", Ended: true),
        new("Ida kept them.\nAnswer: B.\n\n## Example 7", Ended: false),
        new("Ida.\nAnswer: B.", Ended: true),
    ];

    private static List<ParsedAnswer> Parsed => Samples.Select(s => AnswerParser.Parse(s, 4)).ToList();

    [Fact]
    public void First_valid_takes_the_earliest_sample_that_states_an_answer()
    {
        Assert.Equal(1, SampleSelection.Choose(Parsed, SampleSelection.FirstValid, seed: 0, "q7"));
        Assert.Equal(1, SampleSelection.Choose(Parsed, SampleSelection.FirstValid, seed: 99, "q7"));
    }

    [Fact]
    public void Random_valid_takes_a_valid_sample_the_same_one_for_the_same_seed_and_question()
    {
        var picks = Enumerable.Range(0, 64).Select(seed => SampleSelection.Choose(Parsed, SampleSelection.RandomValid, seed, "q7")).ToList();

        Assert.All(picks, p => Assert.Contains(p!.Value, new[] { 1, 3, 4 }));
        Assert.Equal([1, 3, 4], picks.Select(p => p!.Value).Distinct().Order());
        Assert.Equal(picks, Enumerable.Range(0, 64).Select(seed => SampleSelection.Choose(Parsed, SampleSelection.RandomValid, seed, "q7")));
    }

    [Fact]
    public void Random_valid_depends_on_the_question_not_on_the_order_questions_come_in()
    {
        var byQuestion = Enumerable.Range(0, 64).Select(i => SampleSelection.Choose(Parsed, SampleSelection.RandomValid, seed: 5, $"q{i}")).ToList();
        var reversed = Enumerable.Range(0, 64).Reverse().Select(i => SampleSelection.Choose(Parsed, SampleSelection.RandomValid, seed: 5, $"q{i}")).Reverse().ToList();

        Assert.Equal(byQuestion, reversed);
        Assert.True(byQuestion.Distinct().Count() > 1);
    }

    [Fact]
    public void With_no_valid_sample_nothing_is_chosen()
    {
        var parsed = Samples.Where((_, i) => i is 0 or 2).Select(s => AnswerParser.Parse(s, 4)).ToList();

        Assert.Null(SampleSelection.Choose(parsed, SampleSelection.FirstValid, 0, "q7"));
        Assert.Null(SampleSelection.Choose(parsed, SampleSelection.RandomValid, 0, "q7"));
    }

    [Fact]
    public void A_judged_question_records_the_chosen_sample_up_to_its_answer_line()
    {
        var first = GenerativeEvaluation.Judge(Question, Samples, SampleSelection.FirstValid, 0);

        Assert.Equal(("q7", "d1", "B", "C", false), (first.QuestionId, first.DocumentId, first.Gold, first.Choice, first.Correct));
        Assert.Equal((5, 3), (first.Samples, first.ValidSamples));
        Assert.Equal("Zoë kept them.\nAnswer: C.\n", first.Text);

        var seed = Enumerable.Range(0, 64).First(s => SampleSelection.Choose(Parsed, SampleSelection.RandomValid, s, "q7") == 3);
        var random = GenerativeEvaluation.Judge(Question, Samples, SampleSelection.RandomValid, seed);
        Assert.Equal(("B", true, "Ida kept them.\nAnswer: B.\n"), (random.Choice, random.Correct, random.Text));
    }

    [Fact]
    public void An_unparsed_question_keeps_its_first_sample_and_is_wrong()
    {
        var judged = GenerativeEvaluation.Judge(Question, [Samples[0], Samples[2]], SampleSelection.RandomValid, 0);

        Assert.Equal((null, false, 0, "Not sure."), (judged.Choice, judged.Correct, judged.ValidSamples, judged.Text));
    }

    [Fact]
    public void A_gold_option_outside_the_choices_is_an_error_naming_the_question()
    {
        var broken = new QuestionRow { QuestionId = "q9", DocumentId = "d1", Question = "Who?", Options = ["a", "b"], Gold = 2 };

        var error = Assert.Throws<InvalidDataException>(() => GenerativeEvaluation.Judge(broken, Samples, SampleSelection.FirstValid, 0));
        Assert.Contains("question q9", error.Message);
    }

    [Fact]
    public void Accuracy_over_parsed_questions_leaves_out_what_accuracy_over_all_counts_wrong()
    {
        List<GenerativeResult> results =
        [
            new() { QuestionId = "a", Choice = "B", Correct = true },
            new() { QuestionId = "b", Choice = "A", Correct = false },
            new() { QuestionId = "c", Choice = "C", Correct = true },
            new() { QuestionId = "d", Choice = null, Correct = false },
        ];
        var settings = new GenerativeSettings { Enabled = true, Samples = 4, Selection = SampleSelection.RandomValid };

        var summary = GenerativeEvaluation.Summary(results, settings);

        Assert.Equal((4, 3, 1), ((int)summary["questions"]!, (int)summary["parsed"]!, (int)summary["unparsed"]!));
        Assert.Equal(["d"], summary["unparsed_ids"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(2.0 / 3, (double)summary["acc"]!, 12);
        Assert.Equal(Math.Sqrt(1.0 / 3 / 3), (double)summary["acc_stderr"]!, 12);
        Assert.Equal(0.5, (double)summary["acc_all"]!, 12);
        Assert.Equal(Math.Sqrt(1.0 / 3 / 4), (double)summary["acc_all_stderr"]!, 12);
        Assert.Equal(("random_valid", "local", 4), ((string)summary["selection"]!, (string)summary["backend"]!, (int)summary["samples"]!));
        Assert.False(summary.ContainsKey("model"));
    }
}
