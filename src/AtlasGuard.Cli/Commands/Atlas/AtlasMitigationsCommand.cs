using System.Globalization;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Atlas.Update;
using Spectre.Console;

namespace AtlasGuard.Cli.Commands.Atlas;

/// <summary><c>atlasguard atlas mitigations</c>: the mitigations by id.</summary>
internal sealed class AtlasMitigationsCommand(IAnsiConsole console, AtlasCache cache) : AtlasCommand<AtlasSettings>(console, cache)
{
    protected override int Run(AtlasCatalog catalog, AtlasSettings settings)
    {
        if (settings.Json)
        {
            AtlasJson.Write(Console, catalog, w =>
            {
                w.WriteStartArray("mitigations");
                foreach (var m in catalog.Mitigations)
                {
                    w.WriteStartObject();
                    w.WriteString("id", m.Id);
                    w.WriteString("name", m.Name);
                    w.WriteStrings("categories", m.Categories);
                    w.WriteStrings("lifecycle", m.LifecycleTags);
                    w.WriteStrings("techniques", m.TechniqueIds);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
            return ExitCodes.Clean;
        }

        var table = AtlasTables.List("Id", "Name", "Categories", "ML lifecycle", "Techniques");
        foreach (var m in catalog.Mitigations)
        {
            table.AddPlainRow(m.Id, m.Name, string.Join(", ", m.Categories), string.Join(", ", m.LifecycleTags),
                m.TechniqueIds.Length.ToString(CultureInfo.InvariantCulture));
        }

        Console.Write(table);
        return ExitCodes.Clean;
    }
}
