using System.Text;

namespace EntiGraph.Stages.Compare;

/// <summary>
/// The comparison as a markdown table, one row per experiment in the order given, like the EntiGraph paper's
/// table (base, Raw CPT, Rephrase CPT, EntiGraph CPT), followed by notes on what the figures are. Cells are
/// padded so the table also reads well as plain text.
/// </summary>
public static class ComparisonTable
{
    private sealed record Column(string Header, bool Numeric, Func<ComparisonRow, string> Cell);

    public static string Markdown(IReadOnlyList<ComparisonRow> rows)
    {
        if (rows.Count == 0)
        {
            throw new ArgumentException("a comparison needs at least one experiment", nameof(rows));
        }

        var columns = Columns(rows);
        var cells = rows.Select(row => columns.Select(c => c.Cell(row)).ToList()).ToList();
        var widths = columns.Select((c, i) => Math.Max(Math.Max(c.Header.Length, 3), cells.Max(r => r[i].Length))).ToList();

        var text = new StringBuilder();
        AppendLine(text, columns.Select((c, i) => Pad(c.Header, widths[i], c.Numeric)));
        AppendLine(text, columns.Select((c, i) => c.Numeric ? new string('-', widths[i] - 1) + ":" : new string('-', widths[i])));
        foreach (var row in cells)
        {
            AppendLine(text, row.Select((cell, i) => Pad(cell, widths[i], columns[i].Numeric)));
        }

        text.Append('\n');
        foreach (var note in Notes(rows))
        {
            text.Append(note).Append('\n');
        }

        return text.ToString();
    }

    private static List<Column> Columns(IReadOnlyList<ComparisonRow> rows)
    {
        var columns = new List<Column>
        {
            new("experiment", false, r => r.Experiment),
            new("model", false, r => r.Model),
            new("synthetic tokens", true, r => ComparisonFormat.Count(r.SyntheticTokens)),
            new("trained tokens", true, r => ComparisonFormat.Count(r.TrainedTokens)),
            new("QA acc (%)", true, r => ComparisonFormat.Percent(r.MultipleChoice?.Acc, r.MultipleChoice?.AccStderr)),
            new("QA acc_norm (%)", true, r => ComparisonFormat.Percent(r.MultipleChoice?.AccNorm, r.MultipleChoice?.AccNormStderr)),
        };

        // The generative protocol is optional: its columns would be all dashes for experiments that never ran it.
        if (rows.Any(r => r.Generative is not null))
        {
            columns.Add(new("gen. acc (%)", true, r => ComparisonFormat.Percent(r.Generative?.Acc, r.Generative?.AccStderr)));
            columns.Add(new("gen. acc_all (%)", true, r => ComparisonFormat.Percent(r.Generative?.AccAll, r.Generative?.AccAllStderr)));
            columns.Add(new("gen. parsed", true, r => r.Generative is { } g ? $"{ComparisonFormat.Count(g.Parsed)}/{ComparisonFormat.Count(g.Questions)}" : ComparisonFormat.Missing));
        }

        columns.Add(new("domain ppl", true, r => ComparisonFormat.TwoDecimals(r.DomainPerplexity?.Perplexity)));
        if (rows.Any(r => r.ReferencePerplexity is not null))
        {
            columns.Add(new("reference ppl", true, r => ComparisonFormat.TwoDecimals(r.ReferencePerplexity?.Perplexity)));
        }

        columns.Add(new("evaluate", false, r => $"`{ComparisonFormat.ShortKey(r.EvaluateKey)}`"));
        return columns;
    }

    private static IEnumerable<string> Notes(IReadOnlyList<ComparisonRow> rows)
    {
        var choice = rows.Select(r => r.MultipleChoice).OfType<MultipleChoiceScores>().ToList();
        if (choice.Count > 0)
        {
            var questions = Distinct(choice.Select(c => ComparisonFormat.Count(c.Questions)));
            var chance = Distinct(choice.Where(c => c.Chance is not null).Select(c => ComparisonFormat.Percent(c.Chance) + "%"));
            yield return $"QA: closed-book multiple choice, options scored by likelihood; {questions} questions"
                + (chance.Length > 0 ? $"; chance {chance}" : "") + "; ± is one standard error.";
        }

        if (rows.Any(r => r.Generative is not null))
        {
            yield return "gen.: the generative protocol's acc and acc_all as eval.json reports them; parsed: answers parsed / questions.";
        }

        var references = Distinct(rows.Select(r => r.ReferencePerplexity?.Experiment).OfType<string>());
        yield return "domain ppl: perplexity on each experiment's held-out blocks"
            + (references.Length > 0 ? $"; reference ppl: on held-out general text ({references})." : ".");
        yield return "synthetic tokens: tokens of synthetic origin in the training mixture (0 for an untrained base); evaluate: the evaluate artifact's store key.";
    }

    // Rows that disagree (different question sets, say) show every value rather than one that hides the others.
    private static string Distinct(IEnumerable<string> values) => string.Join(" / ", values.Distinct(StringComparer.Ordinal));

    private static string Pad(string cell, int width, bool right) => right ? cell.PadLeft(width) : cell.PadRight(width);

    private static void AppendLine(StringBuilder text, IEnumerable<string> cells) =>
        text.Append("| ").AppendJoin(" | ", cells).Append(" |\n");
}
