using System.Text.Json.Nodes;
using EntiGraph.Engine.Spec;

namespace EntiGraph.Stages.Tests.Curate.Quality;

/// <summary>A settings section resolved by the engine's validator, as a stage receives it.</summary>
internal static class ResolvedSection
{
    public static (JsonObject Section, List<SpecError> Errors) Of(ConfigSchema schema, string yaml)
    {
        var validator = new ConfigValidator(Path.GetTempPath());
        var mapping = SpecReader.Read(yaml, "x.yaml");
        var section = validator.ResolveSection(mapping, schema, "section", mapping.Location);
        return (section, validator.Errors);
    }
}
