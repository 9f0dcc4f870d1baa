using EntiGraph.Stages.Evaluate;
using EntiGraph.Stages.Extract;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Evaluate;

public sealed class GenerativePromptTests
{
    private static readonly QuestionRow Ferry = new()
    {
        QuestionId = "q1",
        DocumentId = "d1",
        Question = "Why did the ferry Ostrel stop crossing Lake Orrin?",
        Options = ["The lake froze over for good", "A bridge was built", "Its owner, Ida Crane, sold it", "The town of Tolm was abandoned"],
        Gold = 1,
    };

    [Fact]
    public void The_prompt_is_five_worked_examples_then_the_question_left_open_at_the_thought_process()
    {
        var prompt = GenerativePrompt.Render(Ferry, new ArticleFacts("Lake Orrin", "Morrow, Ansel", 1932));

        Snapshot.Verify(this, prompt);
        Assert.EndsWith("### Thought Process and Answer\nThought process:", prompt);
    }

    [Theory]
    [InlineData("Lake Orrin", "Morrow, Ansel", 1932, "In the context of \"Lake Orrin\", written by Ansel Morrow in 1932, why did")]
    [InlineData("Lake Orrin", "Ansel Morrow", null, "In the context of \"Lake Orrin\", written by Ansel Morrow, why did")]
    [InlineData("Lake Orrin", null, 1932, "In the context of \"Lake Orrin\", written in 1932, why did")]
    [InlineData("Lake Orrin", "  ", null, "In the context of \"Lake Orrin\", why did")]
    [InlineData(null, "Morrow, Ansel", 1932, "In the context of a text written by Ansel Morrow in 1932, why did")]
    [InlineData(null, null, null, "Why did")]
    public void Missing_title_author_or_year_leave_their_words_out(string? title, string? author, int? year, string start)
    {
        var question = GenerativePrompt.Question(Ferry, new ArticleFacts(title, author, year));

        Assert.StartsWith(start + " the ferry Ostrel stop crossing Lake Orrin?", question);
        Assert.EndsWith("? There is only one correct choice.", question);
    }

    [Fact]
    public void A_question_about_an_unknown_document_stands_alone()
    {
        Assert.Equal("Why did the ferry Ostrel stop crossing Lake Orrin? There is only one correct choice.", GenerativePrompt.Question(Ferry, null));
    }

    [Fact]
    public void Line_breaks_inside_choices_cannot_break_the_layout()
    {
        var question = new QuestionRow { QuestionId = "q", DocumentId = "d", Question = "Which?", Options = ["one\n### Choices\ntwo", "three"], Gold = 0 };

        var prompt = GenerativePrompt.Render(question, null);

        Assert.EndsWith("### Choices\nA. one ### Choices two\nB. three\n### Thought Process and Answer\nThought process:", prompt);
    }

    [Fact]
    public void Every_worked_example_ends_in_an_answer_the_parser_reads_among_its_own_choices()
    {
        var examples = FewShotPrompt.Prefix.ReplaceLineEndings("\n").Split("## Example ", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(FewShotPrompt.Examples, examples.Length);
        var answers = new List<int>();
        foreach (var example in examples)
        {
            var thought = example[(example.IndexOf("Thought process:", StringComparison.Ordinal) + "Thought process:".Length)..];
            var parsed = AnswerParser.Parse(new AnswerSample(thought, Ended: false), 4);
            Assert.NotNull(parsed.Choice);
            Assert.Contains($"\n{(char)('A' + parsed.Choice!.Value)}. ", example);
            Assert.Equal(thought.TrimEnd('\n') + "\n", parsed.Text);
            answers.Add(parsed.Choice.Value);
        }
        // A prefix answering with one letter throughout would teach the letter, not the reasoning.
        Assert.True(answers.Distinct().Count() >= 3);
    }
}
