using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Engine.Hashing;
using Microsoft.Data.Sqlite;

namespace EntiGraph.Stages.Synthesize.Generators;

/// <summary>One stored answer, as the JSONL export writes it.</summary>
public sealed record StoredResponse(string Hash, JsonObject Request, string Response, long PromptTokens, long CompletionTokens);

/// <summary>
/// Every answered request, keyed by its hash, in SQLite with a write-ahead log and full sync: an answer
/// is durable before the next request is sent, so a run killed at any point and started again resends
/// nothing it had finished. One store serves every experiment; it exports to and imports from JSONL so
/// an experiment can ship its generations.
/// </summary>
public sealed class ResponseStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    public ResponseStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=60000;");
        Execute("""
            CREATE TABLE IF NOT EXISTS responses (
                hash TEXT PRIMARY KEY,
                request TEXT NOT NULL,
                response TEXT NOT NULL,
                prompt_tokens INTEGER NOT NULL,
                completion_tokens INTEGER NOT NULL)
            """);
    }

    public StoredResponse? TryGet(string hash)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT request, response, prompt_tokens, completion_tokens FROM responses WHERE hash = $hash";
            command.Parameters.AddWithValue("$hash", hash);
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new StoredResponse(hash, JsonNode.Parse(reader.GetString(0))!.AsObject(), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3))
                : null;
        }
    }

    public void Put(StoredResponse response)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT OR IGNORE INTO responses (hash, request, response, prompt_tokens, completion_tokens)
                VALUES ($hash, $request, $response, $prompt, $completion)
                """;
            command.Parameters.AddWithValue("$hash", response.Hash);
            command.Parameters.AddWithValue("$request", CanonicalJson.Serialize(response.Request));
            command.Parameters.AddWithValue("$response", response.Response);
            command.Parameters.AddWithValue("$prompt", response.PromptTokens);
            command.Parameters.AddWithValue("$completion", response.CompletionTokens);
            command.ExecuteNonQuery();
        }
    }

    public long Count()
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM responses";
            return (long)command.ExecuteScalar()!;
        }
    }

    /// <summary>Adds every line of a JSONL export; each line's hash is recomputed and must match.</summary>
    public int Import(string jsonlPath)
    {
        var added = 0;
        var number = 0;
        foreach (var line in File.ReadLines(jsonlPath))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            StoredResponse record;
            try
            {
                record = JsonSerializer.Deserialize<StoredResponse>(line, JsonOptions)
                    ?? throw new JsonException("empty line");
            }
            catch (JsonException e)
            {
                throw new GenerationException($"{jsonlPath}:{number}: not a stored response: {e.Message}", e);
            }

            var hash = RequestKey.Hash(record.Request);
            if (hash != record.Hash)
            {
                throw new GenerationException($"{jsonlPath}:{number}: the request hashes to {hash}, not {record.Hash}: the line was edited or comes from another key scheme");
            }

            if (TryGet(hash) is null)
            {
                Put(record);
                added++;
            }
        }

        return added;
    }

    /// <summary>Writes the responses whose hashes are given (or all), in hash order, one JSON object per line.</summary>
    public int Export(string jsonlPath, IReadOnlySet<string>? hashes = null)
    {
        var lines = new List<string>();
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT hash FROM responses ORDER BY hash";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                lines.Add(reader.GetString(0));
            }
        }

        var written = 0;
        using var writer = new StreamWriter(jsonlPath);
        foreach (var hash in lines.Where(h => hashes is null || hashes.Contains(h)))
        {
            writer.WriteLine(JsonSerializer.Serialize(TryGet(hash)!, JsonOptions));
            written++;
        }

        return written;
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // A cut-off or hand-edited line must fail as "not a stored response", never reach SQLite as null.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
