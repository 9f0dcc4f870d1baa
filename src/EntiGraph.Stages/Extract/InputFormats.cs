namespace EntiGraph.Stages.Extract;

/// <summary>The file formats extract reads, and the guess <c>format: auto</c> makes from an extension.</summary>
public static class InputFormats
{
    public const string Quality = "quality";
    public const string Html = "html";
    public const string Jsonl = "jsonl";
    public const string Parquet = "parquet";
    public const string Text = "text";

    public static readonly IReadOnlyList<string> Names = [Quality, Html, Jsonl, Parquet, Text];

    /// <summary>The configured format, or for <c>auto</c> the one the extension names.</summary>
    public static string Resolve(string configured, SourceFile file)
    {
        if (configured != "auto")
        {
            return configured;
        }

        var extension = Path.GetExtension(file.RelativePath).ToLowerInvariant();
        return extension switch
        {
            ".html" or ".htm" => Html,
            ".jsonl" => Jsonl,
            ".parquet" => Parquet,
            ".txt" or ".md" or ".markdown" => Text,

            // A .json file may be QuALITY lines, a JSON array or one record: only the user knows.
            _ => throw file.Error(null,
                $"cannot tell the format from {(extension.Length == 0 ? "a file without an extension" : $"the extension '{extension}'")}; "
                + $"set format ({string.Join(", ", Names)}) on the extract input with source: {file.Source}"),
        };
    }
}
