using System.CommandLine;
using Spectre.Console;

namespace EntiGraph.Cli.Commands;

/// <summary><c>entigraph stages</c>: the stage graph, in build order.</summary>
internal static class StagesCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("stages", "List the pipeline's stages, what each needs and does");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("stage", "needs", "version", "what it does");
            foreach (var stage in context.Pipeline.Stages)
            {
                table.AddRow(
                    Markup.Escape(stage.Name),
                    Markup.Escape(string.Join(", ", stage.Needs)),
                    stage.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(stage.Description));
            }

            context.Console.Write(table);
            return 0;
        });
        return command;
    }
}
