using System.ComponentModel;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Atlas.Update;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AtlasGuard.Cli.Commands.Atlas;

/// <summary><c>atlasguard atlas search TEXT</c>: ranked matches over ids, names and loaded descriptions.</summary>
internal sealed class AtlasSearchCommand(IAnsiConsole console, AtlasCache cache) : AtlasCommand<AtlasSearchCommand.Settings>(console, cache)
{
    protected override int Run(AtlasCatalog catalog, Settings settings)
    {
        var results = AtlasSearch.Run(catalog, settings.Text).Take(settings.Limit).ToList();
        if (settings.Json)
        {
            AtlasJson.Write(Console, catalog, w =>
            {
                w.WriteString("query", settings.Text);
                w.WriteStartArray("results");
                foreach (var r in results)
                {
                    w.WriteStartObject();
                    w.WriteString("kind", r.Kind);
                    w.WriteString("id", r.Id);
                    w.WriteString("name", r.Name);
                    w.WriteString("match", AtlasSearch.WireName(r.Match));
                    w.WriteOptional("snippet", r.Snippet);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
            return ExitCodes.Clean;
        }

        if (results.Count == 0)
        {
            Console.WriteLine($"No matches for '{settings.Text}'.");
            return ExitCodes.Clean;
        }

        var table = catalog.HasDescriptions
            ? AtlasTables.List("Kind", "Id", "Name", "Match", "Snippet")
            : AtlasTables.List("Kind", "Id", "Name", "Match");
        foreach (var r in results)
        {
            string[] row = catalog.HasDescriptions
                ? [r.Kind, r.Id, r.Name, AtlasSearch.WireName(r.Match), r.Snippet ?? string.Empty]
                : [r.Kind, r.Id, r.Name, AtlasSearch.WireName(r.Match)];
            table.AddPlainRow(row);
        }

        Console.Write(table);
        return ExitCodes.Clean;
    }

    internal sealed class Settings : AtlasSettings
    {
        [CommandArgument(0, "<TEXT>")]
        [Description("Words to look for, or an id or id prefix such as [grey]AML.T0010[/].")]
        public string Text { get; init; } = string.Empty;

        [CommandOption("-n|--limit <N>")]
        [Description("Show at most N results. Default: 25.")]
        [DefaultValue(25)]
        public int Limit { get; init; } = 25;

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Text))
            {
                return ValidationResult.Error("Give some text to search for.");
            }

            return Limit < 1 ? ValidationResult.Error("--limit must be at least 1.") : base.Validate();
        }
    }
}
