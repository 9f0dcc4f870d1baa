namespace EntiGraph.Stages.Download;

/// <summary>A local file or folder, copied into the artifact so that it is versioned with it.</summary>
internal static class LocalSource
{
    public static IReadOnlyList<FetchedFile> Copy(string path, string folder)
    {
        if (File.Exists(path))
        {
            var destination = Path.Combine(folder, Path.GetFileName(path));
            File.Copy(path, destination);
            return [Sha256File.Describe(destination)];
        }

        var files = new List<FetchedFile>();
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var destination = Path.Combine(folder, Path.GetRelativePath(path, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
            files.Add(Sha256File.Describe(destination));
        }

        return files;
    }
}
