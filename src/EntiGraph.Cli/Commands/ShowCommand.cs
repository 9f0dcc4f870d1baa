using System.CommandLine;

namespace EntiGraph.Cli.Commands;

/// <summary><c>entigraph show &lt;stage&gt;</c>: the manifest of the artifact an experiment uses for a stage.</summary>
internal static class ShowCommand
{
    public static Command Create(CommandContext context)
    {
        var stage = new Argument<string>("stage") { Description = "The stage whose manifest to print" };
        var experiment = context.Options.Experiment();
        var command = new Command("show", "Print the manifest of a stage's current artifact") { stage, experiment };
        command.SetAction((result, _) => context.Guard(() =>
        {
            var workspace = context.Workspace(result, experiment);
            var loaded = workspace.LoadExperiment(context.Pipeline);
            var name = context.Pipeline[result.GetValue(stage)!].Name;
            var manifest = workspace.Store.CurrentManifest(loaded.Name, name)
                ?? throw new InvalidOperationException($"{loaded.Name}/{name} has not been built; run 'entigraph run {name}' first");
            context.Console.Profile.Out.Writer.WriteLine(manifest.ToJson());
            return Task.FromResult(0);
        }));
        return command;
    }
}
