using EntiGraph.Stages.Evaluate;

namespace EntiGraph.Stages.Tests.Evaluate;

public sealed class AnswerParserTests
{
    [Fact]
    public void Stop_strings_name_one_answer_line_per_option_letter()
    {
        Assert.Equal(["Answer: A.\n", "Answer: B.\n", "Answer: C.\n", "Answer: D.\n"], AnswerParser.StopStrings(4));
        Assert.Equal(["Answer: A.\n", "Answer: B.\n", "Answer: C.\n", "Answer: D.\n", "Answer: E.\n"], AnswerParser.StopStrings(5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(27)]
    public void Questions_that_cannot_be_lettered_are_refused(int options)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AnswerParser.StopStrings(options));
        Assert.Contains("between 1 and 26 options", error.Message);
    }

    [Fact]
    public void The_answer_is_the_letter_of_the_first_stop_string_and_the_text_ends_with_it()
    {
        var text = " The ferry left at dawn, so not A.\nAnswer: C.\n\n## Example 7\nAnswer: A.\n";

        var parsed = AnswerParser.Parse(new AnswerSample(text, Ended: false), 4);

        Assert.Equal(2, parsed.Choice);
        Assert.Equal(" The ferry left at dawn, so not A.\nAnswer: C.\n", parsed.Text);
    }

    [Fact]
    public void The_fifth_letter_counts_only_for_a_question_with_five_options()
    {
        var sample = new AnswerSample("Thought it over.\nAnswer: E.\n", Ended: false);

        Assert.Equal(4, AnswerParser.Parse(sample, 5).Choice);
        Assert.Null(AnswerParser.Parse(sample, 4).Choice);
    }

    [Theory]
    [InlineData("The ship sank.")]
    [InlineData("Answer: B\n")]
    [InlineData("answer: b.\n")]
    [InlineData("Answer: (B).\n")]
    [InlineData("Answer: B. Because the ferry left.\n")]
    [InlineData("")]
    public void Text_without_a_stop_string_states_no_answer_and_is_kept_whole(string text)
    {
        foreach (var ended in new[] { false, true })
        {
            var parsed = AnswerParser.Parse(new AnswerSample(text, ended), 4);

            Assert.Null(parsed.Choice);
            Assert.False(parsed.Valid);
            Assert.Equal(text, parsed.Text);
        }
    }

    [Theory]
    [InlineData("It was Ida.\nAnswer: B.")]
    [InlineData("It was Ida.\nAnswer: B.  \n\n")]
    public void An_answer_line_at_the_very_end_counts_when_the_sample_ended_on_its_own(string text)
    {
        var parsed = AnswerParser.Parse(new AnswerSample(text, Ended: true), 4);

        Assert.Equal(1, parsed.Choice);
        Assert.Equal(text.TrimEnd(), parsed.Text);
    }

    [Fact]
    public void An_answer_line_cut_off_by_the_token_limit_does_not_count()
    {
        var parsed = AnswerParser.Parse(new AnswerSample("It was Ida.\nAnswer: B.", Ended: false), 4);

        Assert.Null(parsed.Choice);
    }

    [Fact]
    public void Generation_can_stop_once_a_stop_string_is_complete()
    {
        Assert.False(AnswerParser.HasStop("Answer: B.", 4));
        Assert.True(AnswerParser.HasStop("Answer: B.\n#", 4));
        Assert.False(AnswerParser.HasStop("Answer: F.\n", 4));
    }
}
