namespace EntiGraph.Stages.Extract;

/// <summary>
/// Input the extract stage cannot turn into documents. The message names the file as the user knows
/// it (the download source and the path inside it, e.g. <c>quality/quality.jsonl</c>), the record
/// (a line or a row) and what is wrong with it.
/// </summary>
public sealed class ExtractInputException : Exception
{
    public ExtractInputException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public ExtractInputException(string file, string? record, string problem, Exception? inner = null)
        : base(record is null ? $"{file}: {problem}" : $"{file}: {record}: {problem}", inner)
    {
        File = file;
        Record = record;
        Problem = problem;
    }

    /// <summary>The file as <c>source/path inside the source</c>; null for errors about the configuration.</summary>
    public string? File { get; }

    /// <summary>The record, such as <c>line 3</c> or <c>row 12</c>; null when the whole file is at fault.</summary>
    public string? Record { get; }

    public string? Problem { get; }
}
