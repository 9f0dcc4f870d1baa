using System.Buffers.Binary;
using System.Text;
using TorchSharp;

namespace EntiGraph.Modeling.Tests;

public class TorchRuntimeTests
{
    private const string AnchorVersion = "GLIBCXX_3.4.32";

    [Fact]
    public void Describe_names_both_versions()
    {
        string description = TorchRuntime.Describe();

        Assert.Contains($"TorchSharp {TorchRuntime.TorchSharpVersion}", description);
        Assert.StartsWith("0.107.", TorchRuntime.TorchSharpVersion);
        Assert.StartsWith("2.10.", TorchRuntime.LibTorchVersion);
    }

    [Fact]
    public void Matmul_on_cpu_gives_the_known_product()
    {
        TorchRuntime.EnsureLoaded();
        using var a = torch.tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        using var b = torch.tensor(new float[] { 5, 6, 7, 8 }, new long[] { 2, 2 });

        using var product = torch.matmul(a, b);

        Assert.Equal(DeviceType.CPU, product.device_type);
        Assert.Equal(new long[] { 2, 2 }, product.shape);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, product.data<float>().ToArray());
    }

    [Fact]
    public void Seeded_rand_repeats_exactly()
    {
        TorchRuntime.EnsureLoaded();

        float[] first = Draw(seed: 1234);
        float[] second = Draw(seed: 1234);
        float[] other = Draw(seed: 4321);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.All(first, x => Assert.InRange(x, 0f, 1f));
    }

    // A generator of its own keeps parallel tests from sharing the global seed.
    private static float[] Draw(long seed)
    {
        using var generator = new torch.Generator((ulong)seed);
        using var values = torch.rand(new long[] { 8 }, generator: generator);
        return values.data<float>().ToArray();
    }

    [Fact]
    public void Output_copy_requires_the_anchor_version_weakly_exactly_where_libstdcxx_lacks_it()
    {
        if (!OperatingSystem.IsLinux())
            return;
        string library = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(library), $"{library} is missing");

        ushort? flags = VersionNeedFlags(File.ReadAllBytes(library), AnchorVersion);
        Assert.True(flags.HasValue, $"{library} no longer requires {AnchorVersion}; the build step may be unnecessary");

        bool weak = (flags.Value & 0x2) != 0;
        bool systemLacksIt = !LoadedLibstdcxxDefines(AnchorVersion);
        Assert.True(weak == systemLacksIt, systemLacksIt
            ? $"{library} still requires {AnchorVersion}, which this system's libstdc++ lacks"
            : $"{library} was patched although this system's libstdc++ has {AnchorVersion}");
    }

    // The libstdc++ this very process uses, so the check matches what the loader saw.
    private static bool LoadedLibstdcxxDefines(string version)
    {
        string? mapped = File.ReadLines("/proc/self/maps")
            .Select(line => line.IndexOf('/') is var slash and >= 0 ? line[slash..].Trim() : "")
            .FirstOrDefault(path => path.Contains("/libstdc++.so.6"));
        Assert.NotNull(mapped);
        byte[] needle = Encoding.ASCII.GetBytes("\0" + version + "\0");
        return File.ReadAllBytes(mapped).AsSpan().IndexOf(needle) >= 0;
    }

    // Only the fields needed to reach the Vernaux entries of .gnu.version_r (ELF64, little-endian).
    private static ushort? VersionNeedFlags(byte[] elf, string version)
    {
        Assert.Equal(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1 }, elf[..6]);
        int U16(long at) => BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan((int)at));
        long U32(long at) => BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan((int)at));
        long U64(long at) => (long)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan((int)at));

        long shoff = U64(0x28);
        int shentsize = U16(0x3a);
        for (int i = 0; i < U16(0x3c); i++)
        {
            long header = shoff + i * shentsize;
            if (U32(header + 4) != 0x6ffffffe)
                continue;
            long strtab = U64(shoff + U32(header + 40) * shentsize + 24);

            long entry = U64(header + 24);
            for (long n = 0; n < U32(header + 44); n++, entry += U32(entry + 12))
            {
                long aux = entry + U32(entry + 8);
                for (int a = 0; a < U16(entry + 2); a++, aux += U32(aux + 12))
                {
                    int name = (int)(strtab + U32(aux + 8));
                    int end = Array.IndexOf(elf, (byte)0, name);
                    if (Encoding.ASCII.GetString(elf, name, end - name) == version)
                        return (ushort)U16(aux + 4);
                }
            }
        }
        return null;
    }
}
