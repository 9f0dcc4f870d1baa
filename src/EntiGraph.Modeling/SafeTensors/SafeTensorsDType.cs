using TorchSharp;

namespace EntiGraph.Modeling.SafeTensors;

/// <summary>The safetensors dtype names this project reads and writes, and their TorchSharp equivalents.</summary>
public static class SafeTensorsDType
{
    // One table both ways, so a dtype can never be writable but unreadable (or the reverse).
    private static readonly (string Name, torch.ScalarType Type, int Size)[] Table =
    [
        ("F64", torch.ScalarType.Float64, 8),
        ("F32", torch.ScalarType.Float32, 4),
        ("F16", torch.ScalarType.Float16, 2),
        ("BF16", torch.ScalarType.BFloat16, 2),
        ("I64", torch.ScalarType.Int64, 8),
        ("I32", torch.ScalarType.Int32, 4),
        ("I16", torch.ScalarType.Int16, 2),
        ("I8", torch.ScalarType.Int8, 1),
        ("U8", torch.ScalarType.Byte, 1),
        ("BOOL", torch.ScalarType.Bool, 1),
    ];

    public static IEnumerable<string> Names => Table.Select(entry => entry.Name);

    /// <summary>Null where the name is not one of the supported dtypes (the format has more, e.g. F8_E4M3).</summary>
    public static torch.ScalarType? FromName(string name)
    {
        foreach (var entry in Table)
            if (entry.Name == name)
                return entry.Type;
        return null;
    }

    public static string ToName(torch.ScalarType type)
    {
        foreach (var entry in Table)
            if (entry.Type == type)
                return entry.Name;
        throw new NotSupportedException($"safetensors has no dtype for {type}; supported: {string.Join(", ", Names)}.");
    }

    public static int ElementSize(torch.ScalarType type)
    {
        foreach (var entry in Table)
            if (entry.Type == type)
                return entry.Size;
        throw new NotSupportedException($"safetensors has no dtype for {type}.");
    }
}
