using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

// Compiled by RoslynCodeTaskFactory against netstandard, so no Span or BinaryPrimitives here.

/// <summary>
/// Marks one symbol-version requirement of ELF shared libraries as weak, so that the loader only
/// warns when the system library lacks that version instead of refusing to load the file.
/// libLibTorchSharp.so is built with GCC 13 and asks for GLIBCXX_3.4.32 for nothing but a link
/// anchor that is never called; older distributions (Debian 12) stop at GLIBCXX_3.4.30.
/// </summary>
public class ElfVersionNeedPatch : Task
{
    [Required]
    public ITaskItem[] Files { get; set; }

    public string VersionName { get; set; } = "GLIBCXX_3.4.32";

    /// <summary>Leaves the file as shipped where the system libstdc++ has the version, since it loads as is there.</summary>
    public bool OnlyWhereNeeded { get; set; } = true;

    public override bool Execute()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            return true;

        if (OnlyWhereNeeded)
        {
            string libstdcxx = SystemLibraries.FindLibstdcxx();
            if (libstdcxx != null && SystemLibraries.DefinesVersion(libstdcxx, VersionName, Log))
            {
                Log.LogMessage(MessageImportance.Low, "{0} has {1}; nothing to patch.", libstdcxx, VersionName);
                return true;
            }
        }

        foreach (ITaskItem item in Files)
        {
            string path = item.GetMetadata("FullPath");
            try
            {
                PatchFile(path);
            }
            catch (Exception e) when (e is ElfFormatException || e is IOException || e is UnauthorizedAccessException)
            {
                Log.LogError("{0}: {1}", path, e.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    private void PatchFile(string path)
    {
        byte[] image = File.ReadAllBytes(path);
        ElfFile elf = new ElfFile(image);
        long flagsOffset = elf.FindVersionNeedFlags(VersionName);
        if (flagsOffset < 0)
        {
            Log.LogMessage(MessageImportance.Low, "{0} does not require {1}.", path, VersionName);
            return;
        }

        ushort flags = elf.U16(flagsOffset);
        if ((flags & ElfFile.VerFlagWeak) != 0)
            return;

        // The output folders hold hard links to the package cache: writing in place would change
        // the cached package for every project. A copy renamed over the original gets its own inode.
        DateTime lastWrite = File.GetLastWriteTimeUtc(path);
        string temp = Path.Combine(Path.GetDirectoryName(path), "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            File.Copy(path, temp); // keeps the file mode, which WriteAllBytes would not
            using (FileStream stream = new FileStream(temp, FileMode.Open, FileAccess.Write))
            {
                ushort patched = (ushort)(flags | ElfFile.VerFlagWeak);
                stream.Position = flagsOffset;
                stream.WriteByte((byte)patched);
                stream.WriteByte((byte)(patched >> 8));
            }
            File.Replace(temp, path, null);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }

        // Same size and time as the package file, so the incremental copy sees nothing to redo.
        File.SetLastWriteTimeUtc(path, lastWrite);
        Log.LogMessage(MessageImportance.High, "Marked the {0} requirement of {1} weak, so that it loads with an older libstdc++.", VersionName, path);
    }
}

internal sealed class ElfFormatException : Exception
{
    public ElfFormatException(string message) : base(message) { }
}

/// <summary>Just enough of ELF64 little-endian to walk the symbol-version sections.</summary>
internal sealed class ElfFile
{
    public const ushort VerFlagWeak = 0x2;
    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;

    private readonly byte[] _image;
    private readonly List<Section> _sections = new List<Section>();

    private struct Section
    {
        public uint Type;
        public long Offset;
        public long Size;
        public uint Link;
        public uint Info;
    }

    public ElfFile(byte[] image)
    {
        _image = image;
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
            throw new ElfFormatException("not an ELF file.");
        if (image[4] != 2)
            throw new ElfFormatException("not a 64-bit ELF file.");
        if (image[5] != 1)
            throw new ElfFormatException("not a little-endian ELF file.");

        long shoff = (long)U64(0x28);
        ushort shentsize = U16(0x3a);
        ushort shnum = U16(0x3c);
        if (shoff == 0 || shnum == 0)
            throw new ElfFormatException("has no section headers.");
        if (shentsize < 64)
            throw new ElfFormatException("has section headers of unexpected size " + shentsize + ".");
        Require(shoff, (long)shentsize * shnum, "section header table");

        for (int i = 0; i < shnum; i++)
        {
            long at = shoff + (long)i * shentsize;
            Section s = new Section
            {
                Type = U32(at + 4),
                Offset = (long)U64(at + 24),
                Size = (long)U64(at + 32),
                Link = U32(at + 40),
                Info = U32(at + 44),
            };
            _sections.Add(s);
        }
    }

    /// <summary>File offset of vna_flags for the required version, or -1 when nothing requires it.</summary>
    public long FindVersionNeedFlags(string versionName)
    {
        foreach (Section verneed in SectionsOfType(ShtGnuVerneed))
        {
            Section strtab = StringTable(verneed);
            long entry = verneed.Offset;
            for (uint n = 0; n < verneed.Info; n++)
            {
                Require(entry, 16, "Verneed entry");
                ushort auxCount = U16(entry + 2);
                long aux = entry + U32(entry + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    Require(aux, 16, "Vernaux entry");
                    if (NameAt(strtab, U32(aux + 8)) == versionName)
                        return aux + 4;
                    uint nextAux = U32(aux + 12);
                    if (nextAux == 0)
                        break;
                    aux += nextAux;
                }
                uint next = U32(entry + 12);
                if (next == 0)
                    break;
                entry += next;
            }
        }
        return -1;
    }

    public bool DefinesVersion(string versionName)
    {
        foreach (Section verdef in SectionsOfType(ShtGnuVerdef))
        {
            Section strtab = StringTable(verdef);
            long entry = verdef.Offset;
            for (uint n = 0; n < verdef.Info; n++)
            {
                Require(entry, 20, "Verdef entry");
                // The first Verdaux names the version itself; later ones name its parents.
                if (U16(entry + 6) > 0)
                {
                    long aux = entry + U32(entry + 12);
                    Require(aux, 8, "Verdaux entry");
                    if (NameAt(strtab, U32(aux)) == versionName)
                        return true;
                }
                uint next = U32(entry + 16);
                if (next == 0)
                    break;
                entry += next;
            }
        }
        return false;
    }

    public ushort U16(long at)
    {
        Require(at, 2, "field");
        return (ushort)(_image[at] | _image[at + 1] << 8);
    }

    private uint U32(long at)
    {
        Require(at, 4, "field");
        return (uint)(_image[at] | _image[at + 1] << 8 | _image[at + 2] << 16 | _image[at + 3] << 24);
    }

    private ulong U64(long at) => U32(at) | (ulong)U32(at + 4) << 32;

    private IEnumerable<Section> SectionsOfType(uint type)
    {
        foreach (Section s in _sections)
            if (s.Type == type)
                yield return s;
    }

    private Section StringTable(Section versions)
    {
        if (versions.Link >= _sections.Count)
            throw new ElfFormatException("version section links to missing section " + versions.Link + ".");
        Section strtab = _sections[(int)versions.Link];
        Require(strtab.Offset, strtab.Size, "string table");
        return strtab;
    }

    private string NameAt(Section strtab, uint offset)
    {
        if (offset >= strtab.Size)
            throw new ElfFormatException("string offset " + offset + " lies outside its string table.");
        long start = strtab.Offset + offset;
        long end = start;
        long limit = strtab.Offset + strtab.Size;
        while (end < limit && _image[end] != 0)
            end++;
        return Encoding.ASCII.GetString(_image, (int)start, (int)(end - start));
    }

    private void Require(long offset, long length, string what)
    {
        if (offset < 0 || length < 0 || offset + length > _image.Length)
            throw new ElfFormatException("is truncated or corrupt: its " + what + " at 0x" + offset.ToString("x") + " runs past the end of the file.");
    }
}

internal static class SystemLibraries
{
    /// <summary>The libstdc++ this process loaded (what the loader picks here), else the usual places.</summary>
    public static string FindLibstdcxx()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/maps"))
            {
                int slash = line.IndexOf('/');
                if (slash >= 0 && line.IndexOf("/libstdc++.so.6", slash, StringComparison.Ordinal) >= 0)
                {
                    // A library replaced since it was mapped shows as "path (deleted)": fall back then.
                    string mapped = line.Substring(slash).Trim();
                    if (File.Exists(mapped))
                        return mapped;
                    break;
                }
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }

        string triplet = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
        string[] folders = { "/usr/lib/" + triplet, "/lib/" + triplet, "/usr/lib64", "/lib64", "/usr/lib", "/lib" };
        foreach (string folder in folders)
        {
            string candidate = Path.Combine(folder, "libstdc++.so.6");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary>An unreadable library counts as lacking the version: weakening is harmless where it is there.</summary>
    public static bool DefinesVersion(string library, string versionName, TaskLoggingHelper log)
    {
        try
        {
            return new ElfFile(File.ReadAllBytes(library)).DefinesVersion(versionName);
        }
        catch (Exception e) when (e is ElfFormatException || e is IOException || e is UnauthorizedAccessException)
        {
            log.LogMessage(MessageImportance.Low, "Could not read the versions of {0}: {1}", library, e.Message);
            return false;
        }
    }
}
