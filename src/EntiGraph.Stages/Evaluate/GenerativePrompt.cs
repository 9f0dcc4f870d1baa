using System.Globalization;
using EntiGraph.Stages.Extract;

namespace EntiGraph.Stages.Evaluate;

/// <summary>What the generative prompt says about a question's article: never its text, only who wrote it and when.</summary>
public sealed record ArticleFacts(string? Title, string? Author, int? Year)
{
    public static ArticleFacts Of(DocumentRow document) => new(document.Title, document.Author, document.Year);
}

/// <summary>
/// The generative prompt: <see cref="FewShotPrompt.Prefix"/>, then the real question as example six,
/// ending in <c>Thought process:</c> for the model to continue.
/// </summary>
public static class GenerativePrompt
{
    public const string Continuation = "Thought process:";

    /// <summary>
    /// The paper's form is <c>In the context of "{title}", written by {author} in {year}, {question}</c>.
    /// Articles may lack any of the three. A missing part is left out with its words ("written by X",
    /// "in Y"), so the sentence never reads "by None" or "in ,"; with no title the article is "a text";
    /// with nothing known at all the question stands alone, as asked. Authors written "Last, First" (as
    /// QuALITY does) are turned round, as the document string does.
    /// </summary>
    public static string Question(QuestionRow question, ArticleFacts? article)
    {
        var asked = OneLine(question.Question);
        var title = string.IsNullOrWhiteSpace(article?.Title) ? null : article.Title.Trim();
        var author = DocumentString.FirstLast(article?.Author);
        var year = article?.Year?.ToString(CultureInfo.InvariantCulture);
        string? written = (author, year) switch
        {
            (not null, not null) => $"written by {author} in {year}",
            (not null, null) => $"written by {author}",
            (null, not null) => $"written in {year}",
            _ => null,
        };
        string? subject = (title, written) switch
        {
            (not null, not null) => $"\"{title}\", {written}",
            (not null, null) => $"\"{title}\"",
            (null, not null) => $"a text {written}",
            _ => null,
        };
        var sentence = subject is null ? asked : $"In the context of {subject}, {LowerFirst(asked)}";
        return $"{sentence} There is only one correct choice.";
    }

    /// <summary>The whole prompt for one question; the text a model continues.</summary>
    public static string Render(QuestionRow question, ArticleFacts? article)
    {
        var letters = AnswerParser.Letters(question.Options.Count);
        var builder = new System.Text.StringBuilder();
        // The prefix is a multi-line literal: a checkout with CRLF line ends would otherwise change every prompt.
        builder.Append(FewShotPrompt.Prefix.ReplaceLineEndings("\n"));
        builder.Append($"## Example {FewShotPrompt.Examples + 1}\n");
        builder.Append("### Question\n");
        builder.Append(Question(question, article)).Append('\n');
        builder.Append("### Choices\n");
        for (int i = 0; i < letters.Count; i++)
            builder.Append($"{letters[i]}. {OneLine(question.Options[i])}\n");
        builder.Append("### Thought Process and Answer\n");
        builder.Append(Continuation);
        return builder.ToString();
    }

    // The paper lowercases the question's first letter so it reads on from the "In the context of" clause.
    private static string LowerFirst(string text) =>
        text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    // A line break inside a question or an option would end its line early and could fake a "### " header.
    private static string OneLine(string option) =>
        string.Join(' ', option.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
