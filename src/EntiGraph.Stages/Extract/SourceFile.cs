namespace EntiGraph.Stages.Extract;

/// <summary>One file of a download source, named the way the user knows it.</summary>
/// <param name="Source">The download source's name.</param>
/// <param name="RelativePath">The path inside the source, with forward slashes.</param>
/// <param name="FullPath">Where it is on disk.</param>
public sealed record SourceFile(string Source, string RelativePath, string FullPath)
{
    /// <summary><c>source/path</c>: how messages and document ids name the file.</summary>
    public string Display => $"{Source}/{RelativePath}";

    public ExtractInputException Error(string? record, string problem, Exception? inner = null) =>
        new(Display, record, problem, inner);
}
