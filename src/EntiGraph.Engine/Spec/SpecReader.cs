using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EntiGraph.Engine.Spec;

/// <summary>Reads one YAML file into <see cref="SpecNode"/>s that keep their file and line.</summary>
public static class SpecReader
{
    public static SpecMapping ReadFile(string path, string displayPath)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Error(new SourceLocation(displayPath, 0, 0), $"cannot read the file: {e.Message}");
        }

        return Read(text, displayPath);
    }

    public static SpecMapping Read(string text, string displayPath)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var message = e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
            throw Error(new SourceLocation(displayPath, (int)e.Start.Line, (int)e.Start.Column), $"invalid YAML: {message}");
        }

        if (stream.Documents.Count == 0)
        {
            return new SpecMapping([], new SourceLocation(displayPath, 1, 1));
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw Error(Locate(second, displayPath), "an experiment file holds one YAML document; found more than one");
        }

        var root = Convert(stream.Documents[0].RootNode, displayPath);
        return root switch
        {
            SpecMapping mapping => mapping,
            SpecScalar { IsNull: true } => new SpecMapping([], root.Location),
            _ => throw Error(root.Location, $"the top level must be a mapping of sections, found {root.Describe()}"),
        };
    }

    private static SpecNode Convert(YamlNode node, string file)
    {
        var location = Locate(node, file);
        switch (node)
        {
            case YamlScalarNode scalar:
                return new SpecScalar(scalar.Value ?? "", scalar.Style is ScalarStyle.Plain or ScalarStyle.Any, location);
            case YamlSequenceNode sequence:
                return new SpecSequence(sequence.Children.Select(c => Convert(c, file)).ToList(), location);
            case YamlMappingNode mapping:
                var entries = new List<KeyValuePair<SpecScalar, SpecNode>>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode keyScalar)
                    {
                        throw Error(Locate(key, file), "mapping keys must be plain names");
                    }

                    var specKey = (SpecScalar)Convert(keyScalar, file);
                    if (!seen.Add(specKey.Value))
                    {
                        throw Error(specKey.Location, $"duplicate key '{specKey.Value}'");
                    }

                    entries.Add(new(specKey, Convert(value, file)));
                }

                return new SpecMapping(entries, location);
            default:
                throw Error(location, $"unsupported YAML node {node.NodeType}");
        }
    }

    private static SourceLocation Locate(YamlNode node, string file) =>
        new(file, (int)node.Start.Line, (int)node.Start.Column);

    private static ExperimentSpecException Error(SourceLocation location, string message) =>
        new([new SpecError(location, "", message)]);
}
