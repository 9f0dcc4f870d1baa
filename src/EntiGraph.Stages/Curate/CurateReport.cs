using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace EntiGraph.Stages.Curate;

/// <summary>
/// What each step of curation did: documents and characters in, out and removed, and a few examples of
/// what it removed, as <c>report.json</c> and <c>report.md</c> in the artifact.
/// </summary>
public sealed class CurateReport
{
    private const int Examples = 3;
    private const int ExampleLength = 240;

    private readonly List<StepCounts> _steps = [];

    public StepCounts Step(string name)
    {
        var step = _steps.Find(s => s.Name == name);
        if (step is null)
        {
            step = new StepCounts(name);
            _steps.Add(step);
        }

        return step;
    }

    public JsonObject ToJson() => new()
    {
        ["steps"] = new JsonArray(_steps.Select(s => (JsonNode)s.ToJson()).ToArray()),
    };

    public string ToMarkdown(string title)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(title).Append("\n\n");
        md.Append("| step | documents in | out | removed | characters in | out | removed |\n");
        md.Append("|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var s in _steps)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {s.Name} | {s.DocumentsIn:N0} | {s.DocumentsOut:N0} | {s.DocumentsIn - s.DocumentsOut:N0} | {s.CharactersIn:N0} | {s.CharactersOut:N0} | {s.CharactersIn - s.CharactersOut:N0} |\n");
        }

        foreach (var s in _steps.Where(s => s.Reasons.Count > 0 || s.RemovedExamples.Count > 0))
        {
            md.Append("\n## ").Append(s.Name).Append("\n\n");
            foreach (var (reason, count) in s.Reasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal))
            {
                md.Append(CultureInfo.InvariantCulture, $"- {reason}: {count:N0}\n");
            }

            foreach (var (id, text) in s.RemovedExamples)
            {
                md.Append("\n> **").Append(id).Append("**: ").Append(text.Replace("\n", " ")).Append('\n');
            }
        }

        return md.ToString();
    }

    /// <summary>One step's counts; the caller reports each document in and out.</summary>
    public sealed class StepCounts(string name)
    {
        public string Name { get; } = name;

        public long DocumentsIn { get; private set; }

        public long DocumentsOut { get; private set; }

        public long CharactersIn { get; private set; }

        public long CharactersOut { get; private set; }

        public Dictionary<string, long> Reasons { get; } = new(StringComparer.Ordinal);

        public List<(string Id, string Text)> RemovedExamples { get; } = [];

        public void In(string text)
        {
            DocumentsIn++;
            CharactersIn += text.Length;
        }

        public void Out(string text)
        {
            DocumentsOut++;
            CharactersOut += text.Length;
        }

        public void Count(string reason, long amount)
        {
            if (amount > 0)
            {
                Reasons[reason] = Reasons.GetValueOrDefault(reason) + amount;
            }
        }

        public void Removed(string id, string text, string? reason)
        {
            if (reason is not null)
            {
                Count(reason, 1);
            }

            if (RemovedExamples.Count < Examples)
            {
                RemovedExamples.Add((id, text.Length > ExampleLength ? text[..ExampleLength] + "…" : text));
            }
        }

        public JsonObject ToJson() => new()
        {
            ["step"] = Name,
            ["documents_in"] = DocumentsIn,
            ["documents_out"] = DocumentsOut,
            ["documents_removed"] = DocumentsIn - DocumentsOut,
            ["characters_in"] = CharactersIn,
            ["characters_out"] = CharactersOut,
            ["characters_removed"] = CharactersIn - CharactersOut,
            ["reasons"] = new JsonObject(Reasons.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value))),
            ["removed_examples"] = new JsonArray(RemovedExamples.Select(e => (JsonNode)new JsonObject { ["id"] = e.Id, ["text"] = e.Text }).ToArray()),
        };
    }
}
