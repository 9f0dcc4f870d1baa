namespace EntiGraph.TestKit;

/// <summary>The checkout the tests were built from, for tests of what it ships (experiments, build.cake).</summary>
public static class Repository
{
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EntiGraph.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("EntiGraph.sln not found above " + AppContext.BaseDirectory);
    }
}
