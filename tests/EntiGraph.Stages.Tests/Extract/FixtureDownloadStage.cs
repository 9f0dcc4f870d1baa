using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;

namespace EntiGraph.Stages.Tests.Extract;

/// <summary>
/// Stands in for the download stage: every subfolder of <c>folder</c> becomes a source, its files
/// copied to <c>files/&lt;source&gt;/</c> and listed in <c>sources.json</c> as the real stage lists them.
/// </summary>
internal sealed class FixtureDownloadStage : Stage
{
    public override string Name => "download";

    public override int Version => 1;

    public override bool UsesSeed => false;

    public override ConfigSchema Schema { get; } = new ConfigSchema()
        .Path("folder", "one subfolder per source", required: true);

    public override async Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var root = context.ResolvePath((string)context.Config["folder"]!);
        await File.WriteAllTextAsync(context.OutputPath("sources.json"), Layout(root, context.OutputDirectory).ToJsonString(), cancellationToken);
    }

    /// <summary>Copies the sources under <paramref name="root"/> into an artifact folder and returns its sources.json.</summary>
    public static JsonArray Layout(string root, string artifact)
    {
        var sources = new JsonArray();
        foreach (var directory in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(directory);
            var files = new JsonArray();
            foreach (var file in Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = $"files/{name}/{Path.GetRelativePath(directory, file).Replace('\\', '/')}";
                var target = Path.Combine(artifact, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
                var bytes = File.ReadAllBytes(file);
                files.Add(new JsonObject
                {
                    ["path"] = relative,
                    ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                    ["size"] = bytes.Length,
                });
            }

            sources.Add(new JsonObject { ["name"] = name, ["kind"] = "path", ["origin"] = name, ["files"] = files });
        }

        return sources;
    }
}
