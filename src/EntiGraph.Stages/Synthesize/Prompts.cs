using Microsoft.Extensions.AI;

namespace EntiGraph.Stages.Synthesize;

/// <summary>
/// The prompts of the EntiGraph method and of the rephrase baseline, following the structure and output
/// formats of the paper's prompts in words of their own. Changing any text here changes every request
/// hash: recorded generations then miss, which the recorded backend reports.
/// </summary>
public static class Prompts
{
    public static IReadOnlyList<ChatMessage> Extraction(SourceDocument document) =>
    [
        new(ChatRole.System, """
            You analyse documents to extract their knowledge. Given a document, do two things:
            1. Write a concise summary of the document.
            2. List every significant entity the document mentions: people, places, organisations, objects, events and concepts, each under the name the document uses.
            Answer with a single JSON object and nothing else: {"summary": "<the summary>", "entities": ["<entity>", "<entity>", ...]}
            """),
        new(ChatRole.User, $"### Document Content:\n{document.Text}"),
    ];

    public static IReadOnlyList<ChatMessage> Relation(SourceDocument document, IReadOnlyList<string> entities)
    {
        var headers = string.Join("\n", entities.Select(e => $"### Discussion of {document.Title} in relation to {e}"));
        var interaction = $"### Discussion of Interaction between {JoinNames(entities)} in context of {document.Title}";
        var system = $"""
            You will be given a document and a list of {(entities.Count == 2 ? "two" : "three")} entities that appear in it. First, for each entity, restate what the document says about it, in new words. Then discuss how the entities relate to and interact with each other, using only what the document says. Write under exactly these headings, in this order:
            {headers}
            {interaction}
            """;
        var list = string.Join("\n", entities.Select(e => $"- {e}"));
        return
        [
            new(ChatRole.System, system),
            new(ChatRole.User, $"### Document Content:\n{document.Text}\n### Entities:\n{list}"),
        ];
    }

    /// <summary>The rephrasing styles of the Rephrase CPT baseline, from the simplest to the hardest.</summary>
    public static readonly IReadOnlyDictionary<string, string> RephraseStyles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["easy"] = "in very simple words and short sentences, the way you would explain it to a small child",
        ["medium"] = "in high-quality English, like the sentences of an encyclopedia article on Wikipedia",
        ["hard"] = "in terse and abstruse language, the way an erudite scholar would write it",
    };

    public static IReadOnlyList<ChatMessage> Rephrase(SourceDocument document, string style) =>
    [
        new(ChatRole.System, "You rewrite texts in a requested style, keeping every fact: names, places, dates and numbers. Answer with the rewritten text only."),
        new(ChatRole.User, $"Rewrite the following text {RephraseStyles[style]}:\n\n{document.Text}"),
    ];

    private static string JoinNames(IReadOnlyList<string> names) =>
        names.Count == 2 ? $"{names[0]} and {names[1]}" : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";
}
