using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Atlas.Update;
using AtlasGuard.Core.Findings;
using Spectre.Console;

namespace AtlasGuard.Cli.Commands.Atlas;

/// <summary>
/// <c>atlasguard atlas technique ID</c>: one technique with its tactics, parent and sub-techniques, MLOps phases,
/// mitigations, the case studies that used it and, when an official file is loaded, MITRE's description.
/// </summary>
internal sealed class AtlasTechniqueCommand(IAnsiConsole console, AtlasCache cache) : AtlasCommand<AtlasIdSettings>(console, cache)
{
    protected override int Run(AtlasCatalog catalog, AtlasIdSettings settings)
    {
        if (AtlasLookup.Technique(catalog, settings.Id) is not { } t)
        {
            return Unknown(AtlasLookup.UnknownMessage(
                "technique", settings.Id, catalog.Techniques.Select(x => (x.Id, catalog.DisplayName(x.Id) ?? x.Name))));
        }

        var parent = t.ParentId is null ? null : catalog.FindTechnique(t.ParentId);
        var subs = catalog.SubTechniquesOf(t.Id);
        var tactics = catalog.TacticsOf(t.Id);
        var placement = PhaseTaxonomy.Default.Resolve(t.Id);
        var mitigations = catalog.MitigationsOf(t.Id);
        var studies = catalog.CaseStudiesUsing(t.Id, includeSubTechniques: true);
        if (settings.Json)
        {
            AtlasJson.Write(Console, catalog, w =>
            {
                w.WriteString("id", t.Id);
                w.WriteString("name", t.Name);
                w.WriteString("displayName", catalog.DisplayName(t.Id));
                w.WriteString("maturity", AtlasLookup.Lower(t.Maturity));
                if (parent is null)
                {
                    w.WriteNull("parent");
                }
                else
                {
                    w.WritePropertyName("parent");
                    w.WriteRef(parent.Id, parent.Name);
                }

                w.WriteRefs("subTechniques", subs.Select(s => (s.Id, s.Name)));
                w.WriteRefs("tactics", tactics.Select(x => (x.Id, x.Name)));
                w.WriteBoolean("tacticsInherited", t.TacticsInherited);
                w.WriteStrings("phases", placement?.Placement.Phases.Select(p => p.ToWireName()) ?? []);
                w.WriteOptional("level", placement?.Placement.Level.ToWireName());
                w.WriteOptional("rationale", placement?.Placement.Rationale);
                w.WriteBoolean("placementFromParent", placement?.FromParent ?? false);
                w.WriteRefs("mitigations", mitigations.Select(m => (m.Id, m.Name)));
                w.WriteBoolean("mitigationsInherited", t.MitigationsInherited);
                w.WriteRefs("caseStudies", studies.Select(c => (c.Id, c.Name)));
                w.WriteOptional("description", catalog.DescriptionOf(t.Id));
            });
            return ExitCodes.Clean;
        }

        var table = AtlasTables.Details(t.Id, catalog.DisplayName(t.Id) ?? t.Name);
        var inherited = t.TacticsInherited && parent is not null ? $", inherited from {parent.Id}" : string.Empty;
        table.AddField("Tactics", string.Join('\n', tactics.Select(x => $"{x.Name} ({x.Id}{inherited})")));
        if (parent is not null)
        {
            table.AddField("Parent", $"{parent.Id} {parent.Name}");
        }

        if (!subs.IsEmpty)
        {
            table.AddField("Sub-techniques", AtlasTables.Lines(subs.Select(s => (s.Id, s.Name))));
        }

        table.AddField("Maturity", AtlasLookup.Lower(t.Maturity));
        if (placement is not null)
        {
            var from = placement.FromParent ? $", from {placement.Placement.TechniqueId}" : string.Empty;
            table.AddField("Phases", $"{string.Join(", ", placement.Placement.Phases.Select(p => p.ToWireName()))} "
                + $"({placement.Placement.Level.DisplayName()}{from})");
            table.AddField("Why there", placement.Placement.Rationale);
        }

        table.AddField("Mitigations", AtlasTables.Lines(mitigations.Select(m => (m.Id, m.Name)))
            + (t.MitigationsInherited && parent is not null ? $"\n(inherited from {parent.Id})" : string.Empty));
        table.AddField(subs.IsEmpty ? "Case studies" : "Case studies\n(incl. subs)", AtlasTables.Lines(studies.Select(c => (c.Id, c.Name))));
        Console.Write(table);
        AtlasTables.WriteDescription(Console, catalog, t.Id);
        return ExitCodes.Clean;
    }
}
