using System.Globalization;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Atlas.Update;
using Spectre.Console;

namespace AtlasGuard.Cli.Commands.Atlas;

/// <summary><c>atlasguard atlas tactics</c>: the tactics in matrix order.</summary>
internal sealed class AtlasTacticsCommand(IAnsiConsole console, AtlasCache cache) : AtlasCommand<AtlasSettings>(console, cache)
{
    protected override int Run(AtlasCatalog catalog, AtlasSettings settings)
    {
        if (settings.Json)
        {
            AtlasJson.Write(Console, catalog, w =>
            {
                w.WriteStartArray("tactics");
                foreach (var t in catalog.Tactics)
                {
                    w.WriteStartObject();
                    w.WriteNumber("order", t.Order);
                    w.WriteString("id", t.Id);
                    w.WriteString("name", t.Name);
                    w.WriteString("shortName", t.ShortName);
                    w.WriteOptional("attackId", t.AttackId);
                    w.WriteNumber("techniques", catalog.TechniquesOf(t.Id).Length);
                    w.WriteNumber("subTechniques", catalog.TechniquesOf(t.Id, includeSubTechniques: true).Length - catalog.TechniquesOf(t.Id).Length);
                    w.WriteOptional("description", catalog.DescriptionOf(t.Id));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
            return ExitCodes.Clean;
        }

        var table = AtlasTables.List("#", "Id", "Name", "Short name", "ATT&CK", "Techniques");
        foreach (var t in catalog.Tactics)
        {
            var own = catalog.TechniquesOf(t.Id).Length;
            var subs = catalog.TechniquesOf(t.Id, includeSubTechniques: true).Length - own;
            table.AddPlainRow(t.Order.ToString(CultureInfo.InvariantCulture), t.Id, t.Name, t.ShortName, t.AttackId ?? "-",
                subs == 0 ? own.ToString(CultureInfo.InvariantCulture) : $"{own} (+{subs} sub)");
        }

        Console.Write(table);
        return ExitCodes.Clean;
    }
}
