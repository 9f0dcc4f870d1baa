using EntiGraph.Engine.Spec;
using EntiGraph.TestKit;
using EntiGraph.TestKit.Stages;

namespace EntiGraph.Engine.Tests.Spec;

public sealed class ExperimentLoaderTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Resolves_defaults_and_written_values()
    {
        _workspace.WriteExperiment("a", "seed: 7\nnumbers:\n  count: 3\n");

        var experiment = _workspace.Load("a", TestPipeline.Create());

        Assert.Equal("a", experiment.Name);
        Assert.Equal(7, experiment.Seed);
        Assert.Equal(3, (long)experiment.Section("numbers").Config["count"]!);
        Assert.Equal("narrow", (string)experiment.Section("numbers").Config["spread"]!);
        Assert.Equal(2, (long)experiment.Section("power").Config["exponent"]!);
        Assert.Equal("total", (string)experiment.Section("total").Config["format"]!["label"]!);
    }

    [Fact]
    public void Unknown_key_names_file_line_and_the_allowed_keys()
    {
        _workspace.WriteExperiment("a", "numbers:\n  count: 3\n  cuont: 4\n");

        var error = Assert.Throws<ExperimentSpecException>(() => _workspace.Load("a", TestPipeline.Create()));

        var single = Assert.Single(error.Errors);
        Assert.EndsWith("experiment.yaml", single.Location.File);
        Assert.Equal(3, single.Location.Line);
        Assert.Equal("numbers.cuont", single.Key);
        Assert.Contains("allowed keys: count, source, spread", single.Message);
        Assert.Contains("experiment.yaml:3:3: numbers.cuont: unknown key", error.Message);
    }

    [Fact]
    public void Unknown_section_lists_the_stages()
    {
        _workspace.WriteExperiment("a", "seed: 1\nnumbrs: {}\n");

        var error = Assert.Throws<ExperimentSpecException>(() => _workspace.Load("a", TestPipeline.Create()));

        Assert.Contains("experiment.yaml:2:1: numbrs: unknown key; allowed keys: extends, description, seed, numbers, power, total", error.Message);
    }

    [Fact]
    public void Wrong_types_and_out_of_range_values_are_all_reported()
    {
        _workspace.WriteExperiment("a", """
            numbers:
              count: "three"
              spread: huge
            power:
              exponent: 9
              fail: maybe
            """);

        var error = Assert.Throws<ExperimentSpecException>(() => _workspace.Load("a", TestPipeline.Create()));

        Assert.Collection(
            error.Errors,
            e => Assert.Equal((2, "numbers.count", "expected an integer, found 'three'"), (e.Location.Line, e.Key, e.Message)),
            e => Assert.Equal((3, "numbers.spread", "'huge' is not allowed; allowed values: narrow, wide"), (e.Location.Line, e.Key, e.Message)),
            e => Assert.Equal((5, "power.exponent", "9 is above the maximum 6"), (e.Location.Line, e.Key, e.Message)),
            e => Assert.Equal((6, "power.fail", "expected true or false, found 'maybe'"), (e.Location.Line, e.Key, e.Message)));
    }

    [Fact]
    public void Missing_required_value_is_reported_with_its_type()
    {
        var schema = new ConfigSchema().String("model", "the model", required: true);
        var validator = new ConfigValidator(_workspace.Root);
        var section = SpecReader.Read("other: 1\n", "x.yaml");

        validator.ResolveSection(section, schema, "train", section.Location);

        Assert.Contains(validator.Errors, e => e.Key == "train.model" && e.Message == "required value missing; expected a string");
    }

    [Fact]
    public void A_rule_over_several_keys_is_reported_at_the_section()
    {
        var schema = new ConfigSchema().String("url", "a url").String("path", "a path").ExactlyOneOf("url", "path");
        var validator = new ConfigValidator(_workspace.Root);
        var section = SpecReader.Read("url: http://x\npath: y\n", "x.yaml");

        validator.ResolveSection(section, schema, "source", section.Location);

        var error = Assert.Single(validator.Errors);
        Assert.Equal("x.yaml:1:1: source: give only one of: url, path", error.ToString());
    }

    [Fact]
    public void Invalid_yaml_gives_file_and_line()
    {
        _workspace.WriteExperiment("a", "numbers:\n  count: 3\n   spread: wide\n");

        var error = Assert.Throws<ExperimentSpecException>(() => _workspace.Load("a", TestPipeline.Create()));

        Assert.Matches(@"experiment\.yaml:3:\d+: invalid YAML", error.Message);
    }

    [Fact]
    public void Extends_overlays_the_base_and_null_restores_the_default()
    {
        _workspace.WriteFile("experiments/data.txt", "5\n");
        _workspace.WriteExperiment("base", """
            seed: 3
            numbers:
              count: 4
              spread: wide
              source: ../data.txt
            total:
              format:
                digits: 2
                label: sum
            """);
        _workspace.WriteExperiment("variant", """
            extends: ../base
            numbers:
              spread: ~
            total:
              format:
                digits: 1
            """);

        var variant = _workspace.Load("variant", TestPipeline.Create());

        Assert.Equal("variant", variant.Name);
        Assert.Equal(3, variant.Seed);
        Assert.Equal(4, (long)variant.Section("numbers").Config["count"]!);
        Assert.Equal("narrow", (string)variant.Section("numbers").Config["spread"]!);
        Assert.Equal("../data.txt", (string)variant.Section("numbers").Config["source"]!);
        Assert.Equal(1, (long)variant.Section("total").Config["format"]!["digits"]!);
        Assert.Equal("sum", (string)variant.Section("total").Config["format"]!["label"]!);
    }

    [Fact]
    public void Errors_in_a_base_point_at_the_base_file()
    {
        _workspace.WriteExperiment("base", "numbers:\n  count: -1\n");
        _workspace.WriteExperiment("variant", "extends: ../base\nseed: 2\n");

        var error = Assert.Throws<ExperimentSpecException>(() => _workspace.Load("variant", TestPipeline.Create()));

        var single = Assert.Single(error.Errors);
        Assert.EndsWith(Path.Combine("base", "experiment.yaml"), single.Location.File);
        Assert.Equal(2, single.Location.Line);
    }

    [Fact]
    public void Extends_cycle_is_an_error()
    {
        _workspace.WriteExperiment("a", "extends: ../b\n");
        _workspace.WriteExperiment("b", "extends: ../a\n");

        var error = Assert.Throws<ExperimentSpecException>(() => _workspace.Load("a", TestPipeline.Create()));

        Assert.Contains("extends forms a cycle", error.Message);
    }

    [Fact]
    public void Missing_path_is_an_error_at_its_line()
    {
        _workspace.WriteExperiment("a", "numbers:\n  source: nowhere.txt\n");

        var error = Assert.Throws<ExperimentSpecException>(() => _workspace.Load("a", TestPipeline.Create()));

        Assert.Contains("experiment.yaml:2:11: numbers.source: no such file or folder", error.Message);
    }
}
