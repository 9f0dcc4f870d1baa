using System.Globalization;
using System.Text.Json.Nodes;
using Parquet;
using Parquet.Schema;

namespace EntiGraph.Stages.Extract.Readers;

/// <summary>Reading one flat Parquet column of any plain type as JSON values, nulls kept.</summary>
internal static class ParquetColumns
{
    private static readonly Dictionary<Type, Func<ParquetRowGroupReader, DataField, int, CancellationToken, Task<JsonNode?[]>>> Converters = new()
    {
        [typeof(bool)] = Numbers<bool>(v => JsonValue.Create(v)),
        [typeof(sbyte)] = Numbers<sbyte>(v => JsonValue.Create(v)),
        [typeof(byte)] = Numbers<byte>(v => JsonValue.Create(v)),
        [typeof(short)] = Numbers<short>(v => JsonValue.Create(v)),
        [typeof(ushort)] = Numbers<ushort>(v => JsonValue.Create(v)),
        [typeof(int)] = Numbers<int>(v => JsonValue.Create(v)),
        [typeof(uint)] = Numbers<uint>(v => JsonValue.Create(v)),
        [typeof(long)] = Numbers<long>(v => JsonValue.Create(v)),
        [typeof(ulong)] = Numbers<ulong>(v => JsonValue.Create(v)),
        [typeof(float)] = Numbers<float>(v => float.IsFinite(v) ? JsonValue.Create(v) : null),
        [typeof(double)] = Numbers<double>(v => double.IsFinite(v) ? JsonValue.Create(v) : null),
        [typeof(decimal)] = Numbers<decimal>(v => JsonValue.Create(v)),
        [typeof(DateTime)] = Numbers<DateTime>(v => JsonValue.Create(v.ToString("O", CultureInfo.InvariantCulture))),
        [typeof(DateOnly)] = Numbers<DateOnly>(v => JsonValue.Create(v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
        [typeof(TimeSpan)] = Numbers<TimeSpan>(v => JsonValue.Create(v.ToString("c", CultureInfo.InvariantCulture))),
    };

    public static bool IsText(DataField field) => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>);

    /// <summary>A flat column of a type this reader can turn into JSON.</summary>
    public static bool IsScalar(DataField field) => field.MaxRepetitionLevel == 0 && (IsText(field) || Converters.ContainsKey(field.ClrType));

    public static string TypeName(DataField field) => IsText(field) ? "text" : field.ClrType.Name;

    public static async Task<JsonNode?[]> ReadAsync(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
    {
        if (IsText(field))
        {
            var strings = new string?[count];
            await group.ReadAsync(field, strings.AsMemory(), null, cancellationToken);
            return strings.Select(s => s is null ? null : (JsonNode)JsonValue.Create(s)).ToArray();
        }

        return await Converters[field.ClrType](group, field, count, cancellationToken);
    }

    private static Func<ParquetRowGroupReader, DataField, int, CancellationToken, Task<JsonNode?[]>> Numbers<T>(Func<T, JsonNode?> convert)
        where T : struct =>
        async (group, field, count, cancellationToken) =>
        {
            var values = new T?[count];
            await group.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken);
            return values.Select(v => v is { } value ? convert(value) : null).ToArray();
        };
}
