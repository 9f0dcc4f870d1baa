using System.Text.Json.Nodes;
using EntiGraph.Stages.Curate.Heuristics;

namespace EntiGraph.Stages.Tests.Curate.Heuristics;

internal static class Run
{
    public static HeuristicResult Default(string text, string? url = null) => new HeuristicPipeline(new HeuristicSettings()).Apply(text, url);

    public static HeuristicResult With(HeuristicSettings settings, string text, string? url = null) => new HeuristicPipeline(settings).Apply(text, url);

    public static HeuristicSettings Skipping(params string[] rules) => new() { SkipRules = rules };

    public static void Kept(HeuristicResult result) => Assert.True(result.Keep, $"rejected by {result.Rule}");

    public static void Rejected(string rule, HeuristicResult result)
    {
        Assert.False(result.Keep, $"kept, expected rejection by {rule}");
        Assert.Equal(rule, result.Rule);
    }

    public static JsonObject Section(params (string Key, JsonNode? Value)[] values)
    {
        var section = new JsonObject();
        foreach (var (key, value) in values)
        {
            section[key] = value;
        }

        return section;
    }
}
