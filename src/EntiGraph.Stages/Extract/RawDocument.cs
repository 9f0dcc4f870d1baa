using System.Text.Json.Nodes;

namespace EntiGraph.Stages.Extract;

/// <summary>How a document's body is written in its file.</summary>
public enum BodyKind
{
    Plain,
    Html,
}

/// <summary>
/// A document as a reader found it, before its body becomes normalised text. Readers only parse;
/// the stage turns bodies into text afterwards, where the total is known and progress can be shown.
/// </summary>
public sealed class RawDocument
{
    public required string Id { get; init; }

    /// <summary>Where the document starts, for messages: <c>quality/quality.jsonl: line 3</c>.</summary>
    public required string Place { get; init; }

    public required string Source { get; init; }

    /// <summary>The title the record gives; for HTML without one, the page's own title is used.</summary>
    public string? Title { get; init; }

    /// <summary>The title when neither the record nor the page gives one.</summary>
    public string? FallbackTitle { get; init; }

    public string? Author { get; init; }

    public int? Year { get; init; }

    public required string Body { get; init; }

    public required BodyKind Kind { get; init; }

    public JsonObject Metadata { get; init; } = [];

    public List<RawQuestion> Questions { get; } = [];
}

/// <summary>A multiple-choice question about a document, checked by its reader.</summary>
public sealed record RawQuestion(
    string QuestionId,
    string Question,
    IReadOnlyList<string> Options,
    int Gold,
    bool Difficult,
    JsonObject Metadata,
    string Place);
