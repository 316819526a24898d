using System.ComponentModel;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Atlas.Update;
using AtlasGuard.Core.Findings;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AtlasGuard.Cli.Commands.Atlas;

/// <summary><c>atlasguard atlas techniques</c>: techniques and sub-techniques by id, optionally of one tactic or phase.</summary>
internal sealed class AtlasTechniquesCommand(IAnsiConsole console, AtlasCache cache) : AtlasCommand<AtlasTechniquesCommand.Settings>(console, cache)
{
    protected override int Run(AtlasCatalog catalog, Settings settings)
    {
        IEnumerable<AtlasTechnique> techniques = catalog.Techniques;
        if (settings.Tactic is not null)
        {
            if (AtlasLookup.Tactic(catalog, settings.Tactic) is not { } tactic)
            {
                return Unknown(AtlasLookup.UnknownMessage("tactic", settings.Tactic, catalog.Tactics.Select(t => (t.Id, t.Name))));
            }

            techniques = techniques.Where(t => t.TacticIds.Contains(tactic.Id));
        }

        if (settings.Phase is not null)
        {
            MlopsPhases.TryParse(settings.Phase, out var phase);
            techniques = techniques.Where(t => PhaseTaxonomy.Default.PhasesOf(t.Id).Contains(phase));
        }

        var list = techniques.ToList();
        if (settings.Json)
        {
            AtlasJson.Write(Console, catalog, w =>
            {
                w.WriteStartArray("techniques");
                foreach (var t in list)
                {
                    var placement = PhaseTaxonomy.Default.Resolve(t.Id)?.Placement;
                    w.WriteStartObject();
                    w.WriteString("id", t.Id);
                    w.WriteString("name", catalog.DisplayName(t.Id));
                    w.WriteOptional("parentId", t.ParentId);
                    w.WriteStrings("tactics", t.TacticIds);
                    w.WriteStrings("phases", placement?.Phases.Select(p => p.ToWireName()) ?? []);
                    w.WriteOptional("level", placement?.Level.ToWireName());
                    w.WriteString("maturity", AtlasLookup.Lower(t.Maturity));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
            return ExitCodes.Clean;
        }

        var table = AtlasTables.List("Id", "Name", "Tactics", "Phases", "Maturity");
        foreach (var t in list)
        {
            table.AddPlainRow(
                t.Id,
                catalog.DisplayName(t.Id) ?? t.Name,
                string.Join(", ", catalog.TacticsOf(t.Id).Select(x => x.Name)),
                string.Join(", ", PhaseTaxonomy.Default.PhasesOf(t.Id).Select(p => p.ToWireName())),
                AtlasLookup.Lower(t.Maturity));
        }

        Console.Write(table);
        Console.WriteLine($"{list.Count} techniques.");
        return ExitCodes.Clean;
    }

    internal sealed class Settings : AtlasSettings
    {
        [CommandOption("-t|--tactic <TACTIC>")]
        [Description("Only techniques of TACTIC: its id, name or short name (e.g. [grey]AML.TA0004[/], [grey]initial-access[/]).")]
        public string? Tactic { get; init; }

        [CommandOption("-p|--phase <PHASE>")]
        [Description("Only techniques placed on PHASE: planning, data, development, training, evaluation, deployment, serving or monitoring.")]
        public string? Phase { get; init; }

        public override ValidationResult Validate()
        {
            if (Phase is not null && !MlopsPhases.TryParse(Phase, out _))
            {
                return ValidationResult.Error(
                    $"Unknown phase '{Phase}'. Use one of: {string.Join(", ", MlopsPhases.All.Select(p => p.ToWireName()))}.");
            }

            return base.Validate();
        }
    }
}
