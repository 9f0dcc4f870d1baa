using System.CommandLine;
using EntiGraph.Engine.Running;

namespace EntiGraph.Cli.Commands;

/// <summary><c>entigraph run &lt;stage&gt;</c>: build a stage and whatever it needs that is missing or stale.</summary>
internal static class RunCommand
{
    public static Command Create(CommandContext context)
    {
        var stage = new Argument<string>("stage") { Description = "The stage to build: " + string.Join(", ", context.Pipeline.Stages.Select(s => s.Name)) };
        var experiment = context.Options.Experiment();
        var force = new Option<bool>("--force") { Description = "Rebuild the stage even if it is up to date" };
        var single = new Option<bool>("--single") { Description = "Build this stage only; the stages it needs must be up to date" };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would rebuild and why; change nothing" };
        var lockTimeout = new Option<double>("--lock-timeout")
        {
            Description = "Seconds to wait for another run holding the store lock (0: fail at once)",
            DefaultValueFactory = _ => 3600,
        };
        var command = new Command("run", "Build a stage, and the stages it needs, when missing or stale") { stage, experiment, force, single, dryRun, lockTimeout };
        command.SetAction((result, cancellationToken) => context.Guard(async () =>
        {
            var workspace = context.Workspace(result, experiment);
            var runner = context.Runner(workspace);
            var loaded = workspace.LoadExperiment(context.Pipeline);
            var target = context.Pipeline[result.GetValue(stage)!].Name;
            if (result.GetValue(dryRun))
            {
                var statuses = runner.Status(loaded, target);
                var shown = result.GetValue(single) ? statuses.TakeLast(1) : statuses;
                StatusCommand.Print(context.Console, shown.ToList(), "would rebuild");
                return 0;
            }

            var options = new RunOptions
            {
                Force = result.GetValue(force),
                Single = result.GetValue(single),
                LockTimeout = TimeSpan.FromSeconds(result.GetValue(lockTimeout)),
            };
            await runner.RunAsync(loaded, target, options, cancellationToken);
            return 0;
        }));
        return command;
    }
}
