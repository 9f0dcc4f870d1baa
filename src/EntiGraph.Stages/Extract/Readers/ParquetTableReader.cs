using System.Globalization;
using System.Text.Json.Nodes;
using Parquet;
using Parquet.Schema;

namespace EntiGraph.Stages.Extract.Readers;

/// <summary>
/// A Parquet table (a Hugging Face dataset shard, say), one document per row over every row group,
/// with configurable text, id and title columns. Other flat columns of plain types go to metadata;
/// nested columns (lists, structs, maps) are left out.
/// </summary>
internal sealed class ParquetTableReader : IInputReader
{
    // Some writers store text as bare byte arrays without the UTF-8 annotation.
    private static readonly ParquetOptions ReadOptions = new() { TreatByteArrayAsString = true };

    public async Task<IReadOnlyList<RawDocument>> ReadAsync(InputRequest request, CancellationToken cancellationToken)
    {
        var file = request.File;
        try
        {
            return await ReadTableAsync(request, cancellationToken);
        }
        catch (Exception error) when (error is not (ExtractInputException or OperationCanceledException))
        {
            // A truncated or damaged file fails anywhere from the footer to a page, with many exception types.
            throw file.Error(null, $"not a readable parquet file: {error.Message}", error);
        }
    }

    private static async Task<IReadOnlyList<RawDocument>> ReadTableAsync(InputRequest request, CancellationToken cancellationToken)
    {
        var (file, settings) = (request.File, request.Settings);
        await using var stream = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        await using var reader = await ParquetReader.CreateAsync(stream, ReadOptions, leaveStreamOpen: false, cancellationToken);
        var fields = reader.Schema.Fields;
        var columnList = string.Join(", ", fields.Select(f => f.Name));

        DataField? Column(string name, string key, bool required)
        {
            var field = fields.FirstOrDefault(f => f.Name == name);
            if (field is null)
            {
                return required ? throw file.Error(null, $"no column \"{name}\" ({key}); columns: {columnList}") : null;
            }

            return field is DataField { MaxRepetitionLevel: 0 } data && ParquetColumns.IsScalar(data)
                ? data
                : throw file.Error(null, $"column \"{name}\" ({key}) is a {field.SchemaType.ToString().ToLowerInvariant()} column, expected a flat column of text or numbers");
        }

        // An id or title column under its default name may be absent; one the user named must be there.
        var textField = Column(settings.TextColumn, "text_column", required: true)!;
        var idField = Column(settings.IdColumn, "id_column", required: settings.IdColumn != InputSettings.DefaultId);
        var titleField = Column(settings.TitleColumn, "title_column", required: settings.TitleColumn != InputSettings.DefaultTitle);
        if (!ParquetColumns.IsText(textField))
        {
            throw file.Error(null, $"column \"{textField.Name}\" (text_column) holds {ParquetColumns.TypeName(textField)}, expected text");
        }

        var extra = fields.OfType<DataField>()
            .Where(f => f != textField && f != idField && f != titleField && f.MaxRepetitionLevel == 0 && ParquetColumns.IsScalar(f))
            .ToList();

        var documents = new List<RawDocument>();
        var row = 0L;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            var texts = await ParquetColumns.ReadAsync(group, textField, count, cancellationToken);
            var ids = idField is null ? null : await ParquetColumns.ReadAsync(group, idField, count, cancellationToken);
            var titles = titleField is null ? null : await ParquetColumns.ReadAsync(group, titleField, count, cancellationToken);
            var others = new List<JsonNode?[]>(extra.Count);
            foreach (var field in extra)
            {
                others.Add(await ParquetColumns.ReadAsync(group, field, count, cancellationToken));
            }

            for (var i = 0; i < count; i++)
            {
                row++;
                var where = $"row {row.ToString(CultureInfo.InvariantCulture)}";
                if (!JsonRecords.IsString(texts[i], out var text))
                {
                    throw file.Error(where, $"\"{textField.Name}\" is null");
                }

                var metadata = new JsonObject();
                for (var c = 0; c < extra.Count; c++)
                {
                    metadata[extra[c].Name] = others[c][i];
                }

                documents.Add(new RawDocument
                {
                    Id = ids?[i] is { } id ? JsonRecords.IdText(id) ?? id.ToJsonString() : $"{request.IdPrefix}-{where[4..]}",
                    Place = $"{file.Display}: {where}",
                    Source = file.Source,
                    Title = titles?[i] is { } title ? JsonRecords.IdText(title) ?? title.ToJsonString() : null,
                    Body = text,
                    Kind = BodyKind.Plain,
                    Metadata = metadata,
                });
            }
        }

        return documents;
    }
}
