using System.Globalization;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Atlas.Update;
using Spectre.Console;

namespace AtlasGuard.Cli.Commands.Atlas;

/// <summary><c>atlasguard atlas case-study ID</c>: one case study and its procedure as a kill chain.</summary>
internal sealed class AtlasCaseStudyCommand(IAnsiConsole console, AtlasCache cache) : AtlasCommand<AtlasIdSettings>(console, cache)
{
    protected override int Run(AtlasCatalog catalog, AtlasIdSettings settings)
    {
        if (AtlasLookup.CaseStudy(catalog, settings.Id) is not { } c)
        {
            return Unknown(AtlasLookup.UnknownMessage("case study", settings.Id, catalog.CaseStudies.Select(x => (x.Id, x.Name))));
        }

        if (settings.Json)
        {
            AtlasJson.Write(Console, catalog, w =>
            {
                w.WriteString("id", c.Id);
                w.WriteString("name", c.Name);
                w.WriteString("date", AtlasLookup.DateOf(c));
                w.WriteString("type", AtlasLookup.Lower(c.Type));
                w.WriteOptional("target", c.Target);
                w.WriteOptional("actor", c.Actor);
                w.WriteStartArray("procedure");
                var step = 0;
                foreach (var s in c.Steps)
                {
                    w.WriteStartObject();
                    w.WriteNumber("step", ++step);
                    w.WriteString("tacticId", s.TacticId);
                    w.WriteString("tactic", catalog.DisplayName(s.TacticId) ?? s.TacticId);
                    w.WriteString("techniqueId", s.TechniqueId);
                    w.WriteString("technique", catalog.DisplayName(s.TechniqueId) ?? s.TechniqueId);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteOptional("description", catalog.DescriptionOf(c.Id));
            });
            return ExitCodes.Clean;
        }

        var details = AtlasTables.Details(c.Id, c.Name);
        details.AddField("Date", AtlasLookup.DateOf(c));
        details.AddField("Type", AtlasLookup.Lower(c.Type));
        details.AddField("Target", c.Target ?? "-");
        details.AddField("Actor", c.Actor ?? "-");
        Console.Write(details);

        var chain = AtlasTables.List("Step", "Tactic", "Technique", "Name").Title("Procedure (kill chain)");
        var n = 0;
        foreach (var s in c.Steps)
        {
            chain.AddPlainRow((++n).ToString(CultureInfo.InvariantCulture), catalog.DisplayName(s.TacticId) ?? s.TacticId, s.TechniqueId,
                catalog.DisplayName(s.TechniqueId) ?? s.TechniqueId);
        }

        Console.Write(chain);
        AtlasTables.WriteDescription(Console, catalog, c.Id);
        return ExitCodes.Clean;
    }
}
