using System.Runtime.InteropServices;

namespace EntiGraph.Engine.Hashing;

/// <summary>
/// What the stat cache compares to decide that a file is unchanged without reading it: size,
/// modification time and inode (an editor that saves by rename changes the inode even when the
/// size and second-resolution time do not).
/// </summary>
public readonly record struct FileIdentity(long Size, long ModifiedTicks, ulong Inode)
{
    public static FileIdentity Of(string path)
    {
        var info = new FileInfo(path);
        return new FileIdentity(info.Length, info.LastWriteTimeUtc.Ticks, InodeOf(path));
    }

    private static ulong InodeOf(string path)
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            return 0;
        }

        // glibc's struct stat puts st_ino at offset 8 on both x86_64 and aarch64.
        var buffer = new byte[256];
        try
        {
            return NativeStat(path, buffer) == 0 ? BitConverter.ToUInt64(buffer, 8) : 0;
        }
        catch (EntryPointNotFoundException)
        {
            return 0;
        }
    }

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int NativeStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);
}
