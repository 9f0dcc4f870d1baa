using System.Text.Json;
using System.Text.Json.Nodes;

namespace EntiGraph.Stages.Extract;

/// <summary>One source of the download artifact and its files, in the order <c>sources.json</c> lists them.</summary>
public sealed record DownloadedSource(string Name, IReadOnlyList<SourceFile> Files);

/// <summary>
/// Reads the download artifact's <c>sources.json</c>. Only the keys extract needs are read (name and
/// each file's path), so that the download stage may add others.
/// </summary>
public static class DownloadedSources
{
    public const string ListFile = "sources.json";

    public static IReadOnlyList<DownloadedSource> Load(string artifactDirectory)
    {
        var listPath = Path.Combine(artifactDirectory, ListFile);
        if (!File.Exists(listPath))
        {
            throw new ExtractInputException($"download/{ListFile}: missing from the download artifact");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(listPath));
        }
        catch (JsonException error)
        {
            throw new ExtractInputException($"download/{ListFile}: malformed JSON: {error.Message}", error);
        }

        if (root is not JsonArray array)
        {
            throw new ExtractInputException($"download/{ListFile}: expected a JSON array of sources");
        }

        var artifactRoot = Path.GetFullPath(artifactDirectory);
        var sources = new List<DownloadedSource>();
        for (var i = 0; i < array.Count; i++)
        {
            var where = $"download/{ListFile}: source {i + 1}";
            if (array[i] is not JsonObject entry || entry["name"] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name))
            {
                throw new ExtractInputException($"{where}: expected an object with a \"name\"");
            }

            var files = new List<SourceFile>();
            foreach (var file in entry["files"] as JsonArray ?? [])
            {
                if (file?["path"] is not JsonValue pathValue || !pathValue.TryGetValue<string>(out var path))
                {
                    throw new ExtractInputException($"{where} ({name}): a file without a \"path\"");
                }

                var full = Path.GetFullPath(Path.Combine(artifactRoot, path));
                if (!full.StartsWith(artifactRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new ExtractInputException($"{where} ({name}): the path '{path}' leads outside the download artifact");
                }

                var sourceFile = new SourceFile(name, InsideSource(name, path), full);
                if (!File.Exists(full))
                {
                    throw sourceFile.Error(null, "listed in sources.json but missing from the download artifact");
                }

                files.Add(sourceFile);
            }

            sources.Add(new DownloadedSource(name, files));
        }

        return sources;
    }

    // The artifact keeps a source's files under files/<source>/; the user knows them by the rest.
    private static string InsideSource(string source, string path)
    {
        var normalized = path.Replace('\\', '/');
        var prefix = $"files/{source}/";
        return normalized.StartsWith(prefix, StringComparison.Ordinal) ? normalized[prefix.Length..] : normalized;
    }
}
