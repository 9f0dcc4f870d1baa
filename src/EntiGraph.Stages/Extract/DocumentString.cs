namespace EntiGraph.Stages.Extract;

/// <summary>How a document's text is written into <c>documents.parquet</c> (<c>extract.document_string</c>).</summary>
public static class DocumentString
{
    public const string Plain = "plain";
    public const string Quality = "quality";

    public static string Write(string style, string? title, string? author, int? year, string text) => style switch
    {
        Plain => text,
        Quality => QualityStyle(title, author, year, text),
        _ => throw new ArgumentOutOfRangeException(nameof(style), style, "unknown document string"),
    };

    /// <summary>
    /// The EntiGraph paper's form, <c>"{title}", {First Last}, {year}.\n {text}</c>. A part that is
    /// missing (QuALITY has articles without a year, and other inputs have no author) is left out
    /// with its comma, so the header never reads <c>, ,</c> or <c>None</c>; with nothing to put in a
    /// header the text stands alone.
    /// </summary>
    public static string QualityStyle(string? title, string? author, int? year, string text)
    {
        var parts = new List<string>(3);
        if (!string.IsNullOrEmpty(title))
        {
            parts.Add($"\"{title}\"");
        }

        if (FirstLast(author) is { Length: > 0 } name)
        {
            parts.Add(name);
        }

        if (year is { } y)
        {
            parts.Add(y.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? text : $"{string.Join(", ", parts)}.\n {text}";
    }

    /// <summary>QuALITY writes authors as "Last, First"; the header wants "First Last". Without a comma the name stays as it is.</summary>
    public static string? FirstLast(string? author)
    {
        if (string.IsNullOrWhiteSpace(author))
        {
            return null;
        }

        var comma = author.IndexOf(',');
        if (comma < 0)
        {
            return author.Trim();
        }

        var last = author[..comma].Trim();
        var first = author[(comma + 1)..].Trim();
        return first.Length == 0 ? last : last.Length == 0 ? first : $"{first} {last}";
    }
}
