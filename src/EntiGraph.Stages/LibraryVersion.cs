using System.Reflection;

namespace EntiGraph.Stages;

/// <summary>The package version of the library a type comes from, for a stage's <c>Versions</c> (which enter its key).</summary>
internal static class LibraryVersion
{
    public static string Of(Type type)
    {
        var version = type.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? type.Assembly.GetName().Version?.ToString()
            ?? "unknown";
        var plus = version.IndexOf('+');
        return plus < 0 ? version : version[..plus];
    }
}
