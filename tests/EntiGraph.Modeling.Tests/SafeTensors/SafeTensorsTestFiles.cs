using System.Buffers.Binary;
using System.Text;

namespace EntiGraph.Modeling.Tests.SafeTensors;

/// <summary>A scratch directory per test class, and a builder for hand-made files of known bytes.</summary>
public sealed class SafeTensorsTestFiles : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "entigraph-safetensors-" + Guid.NewGuid().ToString("N"));

    public SafeTensorsTestFiles() => System.IO.Directory.CreateDirectory(Directory);

    public string PathFor(string name) => Path.Combine(Directory, name);

    /// <summary>8-byte little-endian length, the header exactly as given (no padding added), then the data.</summary>
    public static byte[] Build(string header, byte[] data, ulong? declaredLength = null)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength ?? (ulong)json.Length);
        json.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + json.Length);
        return bytes;
    }

    public string WriteFile(string name, byte[] bytes)
    {
        string path = PathFor(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* best effort: a leftover temp directory must not fail a test */ }
    }
}
