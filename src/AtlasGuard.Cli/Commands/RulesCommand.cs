using System.Collections.Immutable;
using System.ComponentModel;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Text;
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
        if (settings.Rule is { Length: > 0 } wanted)
        {
            var exact = rules.FirstOrDefault(r => r.Id.Equals(wanted, StringComparison.OrdinalIgnoreCase));
            if (exact is not null)
            {
                console.Profile.Out.Writer.Write(RulesMarkdown.RenderRule(exact));
                return ExitCodes.Clean;
            }

            var family = rules.Where(r => r.Id.StartsWith(wanted.TrimEnd('-') + "-", StringComparison.OrdinalIgnoreCase)).ToImmutableArray();
            if (family.IsEmpty)
            {
                var near = rules.Select(r => r.Id).OrderBy(id => EditDistance.Compute(id, wanted.ToUpperInvariant())).First();
                console.MarkupLineInterpolated($"[red]Error:[/] no rule or rule family '{wanted}'. Did you mean {near}? Families: AG-CI, AG-COD, AG-DEP, AG-MDL, AG-SCN, AG-SEC, AG-SVC.");
                return ExitCodes.UsageError;
            }

            rules = family;
        }

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
        [CommandArgument(0, "[RULE]")]
        [Description("A rule id (AG-SVC-001) to print its help, or a family (AG-SEC) to list only its rules.")]
        public string? Rule { get; init; }

        [CommandOption("-f|--format <FORMAT>")]
        [Description("[green]table[/] (default) or [green]markdown[/].")]
        [DefaultValue("table")]
        public string Format { get; init; } = "table";

        public override ValidationResult Validate() =>
            Format is "table" or "markdown" ? ValidationResult.Success() : ValidationResult.Error("--format must be table or markdown.");
    }
}
