using System.Globalization;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Atlas.Update;
using AtlasGuard.Core.Findings;
using Spectre.Console;

namespace AtlasGuard.Cli.Commands.Atlas;

/// <summary>
/// <c>atlasguard atlas phases</c>: AtlasGuard's MLOps phase taxonomy as phase → techniques, over the techniques of
/// the loaded catalog (a sub-technique the taxonomy does not know takes its parent's placement).
/// </summary>
internal sealed class AtlasPhasesCommand(IAnsiConsole console, AtlasCache cache) : AtlasCommand<AtlasSettings>(console, cache)
{
    protected override int Run(AtlasCatalog catalog, AtlasSettings settings)
    {
        var placed = catalog.Techniques
            .Select(t => (Technique: t, Match: PhaseTaxonomy.Default.Resolve(t.Id)))
            .Where(p => p.Match is not null)
            .ToList();
        var phases = MlopsPhases.All
            .Select(phase => (Phase: phase, Techniques: placed.Where(p => p.Match!.Placement.IsOn(phase)).ToList()))
            .ToList();
        if (settings.Json)
        {
            AtlasJson.Write(Console, catalog, w =>
            {
                w.WriteStartArray("phases");
                foreach (var (phase, techniques) in phases)
                {
                    w.WriteStartObject();
                    w.WriteString("phase", phase.ToWireName());
                    w.WriteString("stage", phase.Stage().DisplayName());
                    w.WriteStartArray("techniques");
                    foreach (var (t, match) in techniques)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", t.Id);
                        w.WriteString("name", catalog.DisplayName(t.Id));
                        w.WriteString("level", match!.Placement.Level.ToWireName());
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
            return ExitCodes.Clean;
        }

        var table = AtlasTables.List("Phase", "Survey stage", "Techniques", "User", "System", "Ids");
        foreach (var (phase, techniques) in phases)
        {
            table.AddPlainRow(
                phase.ToWireName(),
                phase.Stage().DisplayName(),
                techniques.Count.ToString(CultureInfo.InvariantCulture),
                techniques.Count(p => p.Match!.Placement.Level == TechniqueLevel.User).ToString(CultureInfo.InvariantCulture),
                techniques.Count(p => p.Match!.Placement.Level == TechniqueLevel.System).ToString(CultureInfo.InvariantCulture),
                string.Join(", ", techniques.Select(p => p.Technique.Id)));
        }

        Console.Write(table);
        Console.WriteLine("A technique on several phases is listed on each. See docs/phase-taxonomy.md for the rationales.");
        return ExitCodes.Clean;
    }
}
