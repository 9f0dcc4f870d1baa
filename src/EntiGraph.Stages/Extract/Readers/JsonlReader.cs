using System.Globalization;
using System.Text.Json.Nodes;

namespace EntiGraph.Stages.Extract.Readers;

/// <summary>JSON lines, one document per line, with configurable text, id and title fields; other fields go to metadata.</summary>
internal sealed class JsonlReader : IInputReader
{
    public Task<IReadOnlyList<RawDocument>> ReadAsync(InputRequest request, CancellationToken cancellationToken)
    {
        var (file, settings) = (request.File, request.Settings);
        var documents = new List<RawDocument>();
        using var reader = new Utf8LineReader(file);
        while (reader.ReadLine() is { } line)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lineNumber = reader.LineNumber;
            if (JsonRecords.Parse(file, lineNumber, line) is not { } record)
            {
                continue;
            }

            var where = $"line {lineNumber}";
            var textNode = record[settings.TextField];
            if (!JsonRecords.IsString(textNode, out var text))
            {
                throw file.Error(where, textNode is null
                    ? $"no \"{settings.TextField}\" field{(record.ContainsKey(settings.TextField) ? " (it is null)" : "")}; fields: {string.Join(", ", record.Select(p => p.Key))}"
                    : $"\"{settings.TextField}\" is {JsonRecords.Kind(textNode)}, expected a string");
            }

            var idNode = record[settings.IdField];
            var id = JsonRecords.IdText(idNode);
            if (id is null && idNode is not null)
            {
                throw file.Error(where, $"\"{settings.IdField}\" is {JsonRecords.Kind(idNode)}, expected a string or a number");
            }

            var titleNode = record[settings.TitleField];
            string? title = null;
            if (titleNode is not null)
            {
                title = JsonRecords.IsString(titleNode, out var titleText) ? titleText
                    : throw file.Error(where, $"\"{settings.TitleField}\" is {JsonRecords.Kind(titleNode)}, expected a string");
            }

            var metadata = new JsonObject();
            foreach (var (name, value) in record)
            {
                if (name != settings.TextField && name != settings.IdField && name != settings.TitleField)
                {
                    metadata[name] = value?.DeepClone();
                }
            }

            documents.Add(new RawDocument
            {
                Id = id ?? $"{request.IdPrefix}-{lineNumber.ToString(CultureInfo.InvariantCulture)}",
                Place = $"{file.Display}: {where}",
                Source = file.Source,
                Title = title,
                Body = text,
                Kind = BodyKind.Plain,
                Metadata = metadata,
            });
        }

        return Task.FromResult<IReadOnlyList<RawDocument>>(documents);
    }
}
