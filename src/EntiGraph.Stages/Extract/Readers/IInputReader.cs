namespace EntiGraph.Stages.Extract.Readers;

/// <summary>One file to read, with the input's settings.</summary>
/// <param name="IdPrefix">
/// What generated ids start with: the source name, or <c>source/path</c> when the source has several
/// files, so that line 3 of one file and line 3 of another get different ids.
/// </param>
internal sealed record InputRequest(SourceFile File, InputSettings Settings, string IdPrefix);

/// <summary>Parses one file format into documents (and questions); bodies stay raw until the stage converts them.</summary>
internal interface IInputReader
{
    Task<IReadOnlyList<RawDocument>> ReadAsync(InputRequest request, CancellationToken cancellationToken);
}
