using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Stages.Synthesize.Generators;

namespace EntiGraph.Stages.Synthesize;

/// <summary>
/// Answers written outside a run (by people, or by a batch job) matched to the requests an experiment
/// would send, so that they can be stored and replayed by the recorded backend. Each line of the
/// authored JSONL names its request by meaning, not by hash:
/// <c>{"document_id", "kind": "extraction", "summary", "entities"}</c>,
/// <c>{"document_id", "kind": "pair"|"triple", "entities", "text"}</c> or
/// <c>{"document_id", "kind": "rephrase", "style", "text"}</c>.
/// Token counts are estimated (four characters a token), since no tokenizer counted them.
/// </summary>
public static class AuthoredAnswers
{
    public static IReadOnlyList<StoredResponse> Match(string authoredPath, IReadOnlyList<SourceDocument> documents, GeneratorSettings settings)
    {
        var byId = documents.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var responses = new List<StoredResponse>();
        var number = 0;
        foreach (var line in File.ReadLines(authoredPath))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var where = $"{authoredPath}:{number}";
            var record = JsonNode.Parse(line) as JsonObject ?? throw new GenerationException($"{where}: not a JSON object");
            var id = (string?)record["document_id"] ?? throw new GenerationException($"{where}: no document_id");
            var document = byId.GetValueOrDefault(id) ?? throw new GenerationException($"{where}: no document '{id}' in the experiment");
            var kind = (string?)record["kind"];
            var entities = record["entities"]?.AsArray().Select(e => (string)e!).ToList() ?? [];
            var (request, answer) = kind switch
            {
                "extraction" => (new GenerationRequest("extraction", id, Prompts.Extraction(document), Json: true),
                    JsonSerializer.Serialize(new { summary = (string?)record["summary"], entities }, AnswerJson)),
                "pair" or "triple" => (new GenerationRequest(kind, id, Prompts.Relation(document, entities)), (string?)record["text"]),
                "rephrase" => (new GenerationRequest($"rephrase-{record["style"]}", id, Prompts.Rephrase(document, (string)record["style"]!)), (string?)record["text"]),
                _ => throw new GenerationException($"{where}: unknown kind '{kind}'; expected extraction, pair, triple or rephrase"),
            };
            if (string.IsNullOrWhiteSpace(answer))
            {
                throw new GenerationException($"{where}: no answer text");
            }

            var key = RequestKey.Document(settings, request);
            var prompt = request.Messages.Sum(m => (long)(m.Text?.Length ?? 0)) / 4;
            responses.Add(new StoredResponse(RequestKey.Hash(key), key, answer, prompt, Math.Max(1, answer.Length / 4)));
        }

        return responses;
    }

    private static readonly JsonSerializerOptions AnswerJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
