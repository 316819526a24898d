using System.ComponentModel;
using AtlasGuard.Core.Findings;
using AtlasGuard.Detectors;
using AtlasGuard.Reporting.Rules;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AtlasGuard.Cli.Commands;

/// <summary><c>atlasguard rules</c>: the rule catalogue, as a table or as Markdown.</summary>
internal sealed class RulesCommand(IAnsiConsole console) : Command<RulesCommand.Settings>
{
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var rules = BuiltInDetectors.CreateSet(DetectorOptions.Default).Rules;
        if (settings.Format.Equals("markdown", StringComparison.OrdinalIgnoreCase))
        {
            console.Profile.Out.Writer.Write(RulesMarkdown.Render(rules));
            return ExitCodes.Clean;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("Id", "Name", "Severity", "Phase", "ATLAS techniques");
        foreach (var r in rules)
        {
            table.AddRow(r.Id, Markup.Escape(r.Name), r.DefaultSeverity.ToWireName(), r.Phase.ToWireName(), string.Join(", ", r.Techniques));
        }

        console.Write(table);
        return ExitCodes.Clean;
    }

    internal sealed class Settings : CommandSettings
    {
        [CommandOption("-f|--format <FORMAT>")]
        [Description("[green]table[/] (default) or [green]markdown[/].")]
        [DefaultValue("table")]
        public string Format { get; init; } = "table";

        public override ValidationResult Validate() =>
            Format is "table" or "markdown" ? ValidationResult.Success() : ValidationResult.Error("--format must be table or markdown.");
    }
}
