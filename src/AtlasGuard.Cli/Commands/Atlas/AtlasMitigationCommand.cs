using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Atlas.Update;
using Spectre.Console;

namespace AtlasGuard.Cli.Commands.Atlas;

/// <summary><c>atlasguard atlas mitigation ID</c>: one mitigation and the techniques it addresses.</summary>
internal sealed class AtlasMitigationCommand(IAnsiConsole console, AtlasCache cache) : AtlasCommand<AtlasIdSettings>(console, cache)
{
    protected override int Run(AtlasCatalog catalog, AtlasIdSettings settings)
    {
        if (AtlasLookup.Mitigation(catalog, settings.Id) is not { } m)
        {
            return Unknown(AtlasLookup.UnknownMessage("mitigation", settings.Id, catalog.Mitigations.Select(x => (x.Id, x.Name))));
        }

        var techniques = m.TechniqueIds.Select(id => (id, catalog.DisplayName(id) ?? id)).ToList();
        if (settings.Json)
        {
            AtlasJson.Write(Console, catalog, w =>
            {
                w.WriteString("id", m.Id);
                w.WriteString("name", m.Name);
                w.WriteStrings("categories", m.Categories);
                w.WriteStrings("lifecycle", m.LifecycleTags);
                w.WriteOptional("attackId", m.AttackId);
                w.WriteRefs("techniques", techniques);
                w.WriteOptional("description", catalog.DescriptionOf(m.Id));
            });
            return ExitCodes.Clean;
        }

        var table = AtlasTables.Details(m.Id, m.Name);
        table.AddField("Categories", string.Join(", ", m.Categories));
        table.AddField("ML lifecycle", string.Join(", ", m.LifecycleTags));
        if (m.AttackId is not null)
        {
            table.AddField("ATT&CK", m.AttackId);
        }

        table.AddField("Techniques", AtlasTables.Lines(techniques));
        Console.Write(table);
        AtlasTables.WriteDescription(Console, catalog, m.Id);
        return ExitCodes.Clean;
    }
}
