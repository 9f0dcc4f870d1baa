using EntiGraph.Modeling;

namespace EntiGraph.Stages;

/// <summary>
/// The versions that enter the key of every stage that runs the model: kernels and their reduction order
/// live in libtorch, so another version may round differently. Read on first use, because reading the
/// libtorch version loads the native library, which building the pipeline (and `entigraph stages`) need not.
/// </summary>
internal static class TorchVersions
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Versions = new(() => new Dictionary<string, string>
    {
        ["TorchSharp"] = TorchRuntime.TorchSharpVersion,
        ["libtorch"] = TorchRuntime.LibTorchVersion,
    });

    public static IReadOnlyDictionary<string, string> Current => Versions.Value;
}
