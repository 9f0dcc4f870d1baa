namespace EntiGraph.Stages.Extract.Readers;

/// <summary>A plain text or Markdown file: one document, titled by its first line when that is a Markdown heading.</summary>
internal sealed class TextFileReader : IInputReader
{
    public Task<IReadOnlyList<RawDocument>> ReadAsync(InputRequest request, CancellationToken cancellationToken)
    {
        var file = request.File;
        string text;
        using (var reader = new Utf8LineReader(file))
        {
            text = reader.ReadToEnd();
        }

        var document = new RawDocument
        {
            Id = file.Display,
            Place = file.Display,
            Source = file.Source,
            Title = HeadingTitle(text),
            FallbackTitle = Path.GetFileNameWithoutExtension(file.RelativePath),
            Body = text,
            Kind = BodyKind.Plain,
        };
        return Task.FromResult<IReadOnlyList<RawDocument>>([document]);
    }

    /// <summary>"# Title" (any heading level, closing hashes dropped) on the first line; otherwise null.</summary>
    internal static string? HeadingTitle(string text)
    {
        var end = text.IndexOf('\n');
        var first = (end < 0 ? text : text[..end]).Trim();
        var level = 0;
        while (level < first.Length && first[level] == '#')
        {
            level++;
        }

        if (level is 0 or > 6 || level == first.Length || first[level] is not (' ' or '\t'))
        {
            return null;
        }

        var title = first[level..].Trim().TrimEnd('#').Trim();
        return title.Length == 0 ? null : title;
    }
}
