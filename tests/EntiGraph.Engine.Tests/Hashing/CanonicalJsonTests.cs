using System.Text.Json.Nodes;
using EntiGraph.Engine.Hashing;

namespace EntiGraph.Engine.Tests.Hashing;

public sealed class CanonicalJsonTests
{
    [Fact]
    public void Key_order_and_number_spelling_do_not_matter()
    {
        var a = JsonNode.Parse("""{"b": 1.0, "a": {"y": [1, 2.50], "x": "é"}}""");
        var b = JsonNode.Parse("""{"a": {"x": "é", "y": [1e0, 2.5]}, "b": 1}""");

        Assert.Equal(CanonicalJson.Serialize(a), CanonicalJson.Serialize(b));
        Assert.Equal("""{"a":{"x":"é","y":[1,2.5]},"b":1}""", CanonicalJson.Serialize(a));
    }

    [Fact]
    public void Values_built_in_code_encode_like_parsed_ones()
    {
        var built = new JsonObject { ["n"] = 3, ["r"] = 0.1, ["t"] = true, ["s"] = "x" };
        var parsed = JsonNode.Parse("""{"s":"x","t":true,"r":1e-1,"n":3.0}""");

        Assert.Equal(CanonicalJson.Serialize(parsed), CanonicalJson.Serialize(built));
    }

    [Fact]
    public void Content_hash_names_its_algorithm()
    {
        Assert.Equal("xxh128:" + new string('0', 32).Length.ToString(), "xxh128:" + ContentHash.OfString("abc")[7..].Length.ToString());
        Assert.NotEqual(ContentHash.OfString("abc"), ContentHash.OfString("abd"));
    }
}
