using System.Reflection;
using TorchSharp;

namespace EntiGraph.Modeling;

/// <summary>The TorchSharp and libtorch versions in use, and a native load that fails with the real cause.</summary>
public static class TorchRuntime
{
    private static readonly object Gate = new();
    private static bool _loaded;

    /// <summary>Read from the managed assembly, so it works even where the native library cannot load.</summary>
    public static string TorchSharpVersion { get; } =
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(torch).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>The libtorch package version TorchSharp was built for; reading it loads the native library.</summary>
    public static string LibTorchVersion
    {
        get
        {
            EnsureLoaded();
            return torch.__version__;
        }
    }

    /// <summary>Which native backend this build references: chosen at build time by the EntiGraphTorch property.</summary>
#if ENTIGRAPH_CUDA
    public const string Backend = "CUDA";
#else
    public const string Backend = "CPU";
#endif

    public static string Describe() => $"TorchSharp {TorchSharpVersion}, libtorch {LibTorchVersion} ({Backend} build)";

    /// <summary>
    /// Loads the native backend for the CPU. TorchSharp reports any load failure as a missing package
    /// reference; on Linux the usual cause is an older libstdc++, so the message says that instead.
    /// </summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded)
                return;
            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception e) when (e is TypeInitializationException or NotSupportedException or DllNotFoundException)
            {
                throw new InvalidOperationException(LoadFailureMessage(), e);
            }
            _loaded = true;
        }
    }

    private static string LoadFailureMessage()
    {
        string message = $"TorchSharp {TorchSharpVersion} could not load its native library libLibTorchSharp.so from {AppContext.BaseDirectory}.";
        if (!OperatingSystem.IsLinux())
            return message;
        return message
            + " TorchSharp's own message blames a missing libtorch package reference, but on Linux the usual cause is that"
            + " libLibTorchSharp.so requires GLIBCXX_3.4.32 (libstdc++ of GCC 13) and this system's libstdc++ is older"
            + " (Debian 12 stops at GLIBCXX_3.4.30). The build marks that requirement weak in the output copy"
            + " (build/TorchSharpNative.targets); if this copy did not come from such a build, rebuild, and run `ldd` on it"
            + " to see what is really missing.";
    }
}
