using System.Globalization;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Atlas.Update;
using Spectre.Console;

namespace AtlasGuard.Cli.Commands.Atlas;

/// <summary><c>atlasguard atlas case-studies</c>: the case studies by id.</summary>
internal sealed class AtlasCaseStudiesCommand(IAnsiConsole console, AtlasCache cache) : AtlasCommand<AtlasSettings>(console, cache)
{
    protected override int Run(AtlasCatalog catalog, AtlasSettings settings)
    {
        if (settings.Json)
        {
            AtlasJson.Write(Console, catalog, w =>
            {
                w.WriteStartArray("caseStudies");
                foreach (var c in catalog.CaseStudies)
                {
                    w.WriteStartObject();
                    w.WriteString("id", c.Id);
                    w.WriteString("name", c.Name);
                    w.WriteString("date", AtlasLookup.DateOf(c));
                    w.WriteString("type", AtlasLookup.Lower(c.Type));
                    w.WriteNumber("steps", c.Steps.Length);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
            return ExitCodes.Clean;
        }

        var table = AtlasTables.List("Id", "Date", "Type", "Name", "Steps");
        foreach (var c in catalog.CaseStudies)
        {
            table.AddPlainRow(c.Id, AtlasLookup.DateOf(c), AtlasLookup.Lower(c.Type), c.Name, c.Steps.Length.ToString(CultureInfo.InvariantCulture));
        }

        Console.Write(table);
        return ExitCodes.Clean;
    }
}
