namespace EntiGraph.Stages.Extract.Readers;

/// <summary>
/// One HTML page per file. The page is only read here (as strict UTF-8, so a bad byte is reported
/// with its line); its main content and title are taken when the stage converts bodies.
/// </summary>
internal sealed class HtmlPageReader : IInputReader
{
    public Task<IReadOnlyList<RawDocument>> ReadAsync(InputRequest request, CancellationToken cancellationToken)
    {
        var file = request.File;
        string html;
        using (var reader = new Utf8LineReader(file))
        {
            html = reader.ReadToEnd();
        }

        var document = new RawDocument
        {
            Id = file.Display,
            Place = file.Display,
            Source = file.Source,
            FallbackTitle = Path.GetFileNameWithoutExtension(file.RelativePath),
            Body = html,
            Kind = BodyKind.Html,
        };
        return Task.FromResult<IReadOnlyList<RawDocument>>([document]);
    }
}
