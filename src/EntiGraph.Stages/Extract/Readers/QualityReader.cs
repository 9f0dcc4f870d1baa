using System.Globalization;
using System.Text.Json.Nodes;

namespace EntiGraph.Stages.Extract.Readers;

/// <summary>
/// QuALITY v1.0.1 JSON lines: one line per question set, an article repeated on every line of its
/// sets. Lines of the same article become one document holding all its questions, each once.
/// </summary>
internal sealed class QualityReader : IInputReader
{
    private const int OptionCount = 4;

    // Fields that become columns or that the merge collects; every other field goes to metadata.
    private static readonly HashSet<string> ArticleFields =
        ["article_id", "set_unique_id", "batch_num", "writer_id", "source", "title", "year", "author", "topic", "article", "questions"];

    private static readonly HashSet<string> QuestionFields = ["question", "question_unique_id", "options", "gold_label", "difficult"];

    public Task<IReadOnlyList<RawDocument>> ReadAsync(InputRequest request, CancellationToken cancellationToken)
    {
        var file = request.File;
        var articles = new Dictionary<string, Article>(StringComparer.Ordinal);
        var order = new List<Article>();
        using var reader = new Utf8LineReader(file);
        while (reader.ReadLine() is { } line)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lineNumber = reader.LineNumber;
            if (JsonRecords.Parse(file, lineNumber, line) is not { } record)
            {
                continue;
            }

            var where = $"line {lineNumber}";
            var articleId = JsonRecords.IdText(record["article_id"])
                ?? throw file.Error(where, "no \"article_id\" (is this QuALITY data?)");
            where = $"line {lineNumber}: article {articleId}";
            if (!articles.TryGetValue(articleId, out var article))
            {
                article = NewArticle(request, record, articleId, where, lineNumber);
                articles[articleId] = article;
                order.Add(article);
            }

            AddSet(article, record);
            if (record["questions"] is not JsonArray questions)
            {
                throw file.Error(where, $"\"questions\" is {JsonRecords.Kind(record["questions"])}, expected an array");
            }

            foreach (var node in questions)
            {
                var question = ReadQuestion(file, node, where, $"{file.Display}: line {lineNumber}");

                // Each set lists its own questions; a question seen in an earlier line is the same one.
                if (article.QuestionIds.Add(question.QuestionId))
                {
                    article.Document.Questions.Add(question);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<RawDocument>>(order.Select(a => a.Document).ToList());
    }

    private static Article NewArticle(InputRequest request, JsonObject record, string articleId, string where, int lineNumber)
    {
        var file = request.File;
        if (!JsonRecords.IsString(record["article"], out var body))
        {
            throw file.Error(where, record["article"] is null ? "no \"article\" text" : $"\"article\" is {JsonRecords.Kind(record["article"])}, expected a string");
        }

        var metadata = new JsonObject
        {
            ["topic"] = record["topic"]?.DeepClone(),
            ["set_unique_ids"] = new JsonArray(),
            ["writer_ids"] = new JsonArray(),
            ["batch_nums"] = new JsonArray(),
            ["input"] = file.Source,
        };
        foreach (var (name, value) in record)
        {
            if (!ArticleFields.Contains(name))
            {
                metadata[name] = value?.DeepClone();
            }
        }

        var document = new RawDocument
        {
            Id = articleId,
            Place = $"{file.Display}: line {lineNumber}",
            Source = OptionalString(file, record, "source", where) ?? file.Source,
            Title = OptionalString(file, record, "title", where),
            Author = OptionalString(file, record, "author", where),
            Year = Year(file, record, where),
            Body = body,

            // The official files hold the article as HTML; the "htmlstripped" variant holds plain text.
            Kind = LooksLikeHtml(body) ? BodyKind.Html : BodyKind.Plain,
            Metadata = metadata,
        };
        return new Article(document, metadata);
    }

    // Each question set was written by its own writer in its own batch: a merged article keeps them all.
    private static void AddSet(Article article, JsonObject record)
    {
        AddDistinct((JsonArray)article.Metadata["set_unique_ids"]!, record["set_unique_id"]);
        AddDistinct((JsonArray)article.Metadata["writer_ids"]!, record["writer_id"]);
        AddDistinct((JsonArray)article.Metadata["batch_nums"]!, record["batch_num"]);
    }

    private static void AddDistinct(JsonArray list, JsonNode? value)
    {
        if (value is not null && !list.Any(item => JsonNode.DeepEquals(item, value)))
        {
            list.Add(value.DeepClone());
        }
    }

    private static RawQuestion ReadQuestion(SourceFile file, JsonNode? node, string where, string place)
    {
        if (node is not JsonObject question)
        {
            throw file.Error(where, $"a question is {JsonRecords.Kind(node)}, expected an object");
        }

        var id = JsonRecords.IdText(question["question_unique_id"])
            ?? throw file.Error(where, "a question without \"question_unique_id\"");
        where = $"{where}, question {id}";
        if (!JsonRecords.IsString(question["question"], out var text))
        {
            throw file.Error(where, $"\"question\" is {JsonRecords.Kind(question["question"])}, expected a string");
        }

        if (question["options"] is not JsonArray optionNodes)
        {
            throw file.Error(where, $"\"options\" is {JsonRecords.Kind(question["options"])}, expected a list of {OptionCount}");
        }

        if (optionNodes.Count != OptionCount)
        {
            throw file.Error(where, $"has {optionNodes.Count} options, expected {OptionCount}");
        }

        var options = new List<string>(OptionCount);
        foreach (var option in optionNodes)
        {
            if (!JsonRecords.IsString(option, out var optionText))
            {
                throw file.Error(where, $"option {options.Count + 1} is {JsonRecords.Kind(option)}, expected a string");
            }

            options.Add(optionText);
        }

        if (question["gold_label"] is null)
        {
            throw file.Error(where, "no \"gold_label\" (QuALITY's test split has no answers; use train or dev)");
        }

        if (!JsonRecords.TryInteger(question["gold_label"], out var gold))
        {
            throw file.Error(where, $"gold_label {question["gold_label"]!.ToJsonString()} is not an integer");
        }

        if (gold is < 1 or > OptionCount)
        {
            throw file.Error(where, $"gold_label {gold.ToString(CultureInfo.InvariantCulture)} is outside 1-{OptionCount}");
        }

        var metadata = new JsonObject();
        foreach (var (name, value) in question)
        {
            if (!QuestionFields.Contains(name))
            {
                metadata[name] = value?.DeepClone();
            }
        }

        return new RawQuestion(id, text, options, (int)gold - 1, Difficult(file, question["difficult"], where), metadata, place);
    }

    // QuALITY writes difficult as 0 or 1; true and false are accepted too.
    private static bool Difficult(SourceFile file, JsonNode? node, string where)
    {
        if (node is null)
        {
            return false;
        }

        if (node is JsonValue value && value.TryGetValue<bool>(out var flag))
        {
            return flag;
        }

        if (JsonRecords.TryInteger(node, out var number) && number is 0 or 1)
        {
            return number == 1;
        }

        throw file.Error(where, $"difficult {node.ToJsonString()} is not 0, 1, true or false");
    }

    private static string? OptionalString(SourceFile file, JsonObject record, string name, string where)
    {
        var node = record[name];
        if (node is null)
        {
            return null;
        }

        return JsonRecords.IsString(node, out var text) ? text
            : throw file.Error(where, $"\"{name}\" is {JsonRecords.Kind(node)}, expected a string");
    }

    private static int? Year(SourceFile file, JsonObject record, string where)
    {
        var node = record["year"];
        if (node is null || (JsonRecords.IsString(node, out var text) && string.IsNullOrWhiteSpace(text)))
        {
            return null;
        }

        return JsonRecords.TryInteger(node, out var year) && year is > int.MinValue and < int.MaxValue
            ? (int)year
            : throw file.Error(where, $"year {node.ToJsonString()} is not a whole number");
    }

    private static bool LooksLikeHtml(string body)
    {
        var open = body.IndexOf('<');
        return open >= 0 && open + 1 < body.Length && (char.IsAsciiLetter(body[open + 1]) || body[open + 1] is '!' or '/');
    }

    private sealed record Article(RawDocument Document, JsonObject Metadata)
    {
        public HashSet<string> QuestionIds { get; } = new(StringComparer.Ordinal);
    }
}
