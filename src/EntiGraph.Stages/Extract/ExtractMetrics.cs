using System.Text.Json.Nodes;

namespace EntiGraph.Stages.Extract;

/// <summary>The figures extract puts in its manifest: totals, the longest and shortest document, counts per input.</summary>
public sealed class ExtractMetrics
{
    private readonly List<JsonObject> _inputs = [];
    private long _documents;
    private long _questions;
    private long _words;
    private long _characters;
    private long _empty;
    private (string Id, long Words)? _longest;
    private (string Id, long Words)? _shortest;

    public void AddInput(InputSettings input, int files, int documents, int questions) => _inputs.Add(new JsonObject
    {
        ["source"] = input.Source,
        ["format"] = input.Format,
        ["files"] = files,
        ["documents"] = documents,
        ["questions"] = questions,
    });

    public void AddDocument(string id, string text, int questions)
    {
        var words = CountWords(text);
        _documents++;
        _questions += questions;
        _words += words;
        _characters += text.EnumerateRunes().Count();
        if (words == 0)
        {
            _empty++;
        }

        // Ties go to the first document, so the figures do not depend on anything but the input order.
        if (_longest is null || words > _longest.Value.Words)
        {
            _longest = (id, words);
        }

        if (_shortest is null || words < _shortest.Value.Words)
        {
            _shortest = (id, words);
        }
    }

    public void WriteTo(JsonObject metrics)
    {
        metrics["documents"] = _documents;
        metrics["questions"] = _questions;
        metrics["words"] = _words;
        metrics["characters"] = _characters;
        metrics["empty_documents"] = _empty;
        metrics["longest"] = Describe(_longest);
        metrics["shortest"] = Describe(_shortest);
        metrics["inputs"] = new JsonArray([.. _inputs]);
    }

    /// <summary>Runs of non-whitespace characters.</summary>
    public static long CountWords(string text)
    {
        long words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            if (!space && !inWord)
            {
                words++;
            }

            inWord = !space;
        }

        return words;
    }

    private static JsonObject? Describe((string Id, long Words)? document) =>
        document is { } d ? new JsonObject { ["id"] = d.Id, ["words"] = d.Words } : null;
}
