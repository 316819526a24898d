using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Atlas.Update;
using Spectre.Console;

namespace AtlasGuard.Cli.Commands.Atlas;

/// <summary>
/// <c>atlasguard atlas matrix</c>: the ATLAS matrix, tactics as columns in matrix order and their top-level
/// techniques below, sub-techniques folded as "(+N)". The 16 columns do not fit a terminal, so the tactics are
/// split into as few groups as fit the width, one table each; below 60 columns, one list per tactic.
/// </summary>
internal sealed class AtlasMatrixCommand(IAnsiConsole console, AtlasCache cache) : AtlasCommand<AtlasSettings>(console, cache)
{
    private const int CellWidth = 24;

    protected override int Run(AtlasCatalog catalog, AtlasSettings settings)
    {
        var columns = catalog.Tactics.Select(t => (Tactic: t, Techniques: catalog.TechniquesOf(t.Id))).ToList();
        if (settings.Json)
        {
            AtlasJson.Write(Console, catalog, w =>
            {
                w.WriteStartArray("tactics");
                foreach (var (tactic, techniques) in columns)
                {
                    w.WriteStartObject();
                    w.WriteString("id", tactic.Id);
                    w.WriteString("name", tactic.Name);
                    w.WriteStartArray("techniques");
                    foreach (var t in techniques)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", t.Id);
                        w.WriteString("name", t.Name);
                        w.WriteNumber("subTechniques", catalog.SubTechniquesOf(t.Id).Length);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
            return ExitCodes.Clean;
        }

        var perGroup = Math.Max(1, (Console.Profile.Width - 1) / (CellWidth + 3));
        if (perGroup < 2)
        {
            foreach (var (tactic, techniques) in columns)
            {
                Console.WriteLine($"{tactic.Name} ({tactic.Id})");
                foreach (var t in techniques)
                {
                    Console.WriteLine("  " + Cell(catalog, t));
                }
            }

            return ExitCodes.Clean;
        }

        var groups = (columns.Count + perGroup - 1) / perGroup;
        var size = (columns.Count + groups - 1) / groups;
        foreach (var group in columns.Chunk(size))
        {
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var (tactic, _) in group)
            {
                table.AddColumn(new TableColumn(Markup.Escape(tactic.Name)).Width(CellWidth));
            }

            var rows = group.Max(g => g.Techniques.Length);
            for (var r = 0; r < rows; r++)
            {
                table.AddRow([.. group.Select(g => r < g.Techniques.Length ? Markup.Escape(Cell(catalog, g.Techniques[r])) : string.Empty)]);
            }

            Console.Write(table);
        }

        Console.WriteLine("(+N): the technique has N sub-techniques; see atlasguard atlas technique ID.");
        return ExitCodes.Clean;
    }

    private static string Cell(AtlasCatalog catalog, AtlasTechnique technique)
    {
        var subs = catalog.SubTechniquesOf(technique.Id).Length;
        return subs == 0 ? technique.Name : $"{technique.Name} (+{subs})";
    }
}
