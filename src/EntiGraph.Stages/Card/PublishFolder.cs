using System.Runtime.InteropServices;

namespace EntiGraph.Stages.Card;

/// <summary>
/// Places store files into the folders the card stage publishes. A hard link where the file system allows
/// it: a model's weights can be many gigabytes, and store files are never modified in place.
/// </summary>
public static class PublishFolder
{
    public static void Place(string source, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (!OperatingSystem.IsWindows() && Link(source, target) == 0)
            return;
        File.Copy(source, target);
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(string existing, string created);
}
