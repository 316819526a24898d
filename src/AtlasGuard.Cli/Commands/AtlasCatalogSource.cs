using AtlasGuard.Core.Atlas;

namespace AtlasGuard.Cli.Commands.Atlas;

/// <summary>The outcome of loading the catalog for an <c>atlas</c> command.</summary>
/// <param name="Catalog">The catalog; null when it could not be loaded.</param>
/// <param name="Error">Why it could not be loaded.</param>
/// <param name="Notes">What the loader skipped, one line each (empty for the embedded facts).</param>
internal sealed record AtlasCatalogLoad(AtlasCatalog? Catalog, string? Error, IReadOnlyList<string> Notes);

/// <summary>Chooses the catalog: the embedded facts, or the official release file given with <c>--atlas-data</c>.</summary>
internal static class AtlasCatalogSource
{
    public static AtlasCatalogLoad Load(string? atlasData)
    {
        if (atlasData is null)
        {
            return new(AtlasCatalog.Embedded, null, []);
        }

        if (!File.Exists(atlasData))
        {
            return Fail($"--atlas-data {atlasData}: file not found. Give an official ATLAS release file, e.g. dist/ATLAS.yaml of mitre-atlas/atlas-data.");
        }

        AtlasCatalog catalog;
        try
        {
            catalog = AtlasYamlLoader.LoadFile(atlasData);
        }
        catch (AtlasDataException ex)
        {
            return Fail($"--atlas-data {atlasData}: not a usable ATLAS release: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail($"--atlas-data {atlasData}: cannot be read: {ex.Message}");
        }

        var notes = catalog.Report.Skipped.Select(i => $"{atlasData}: {i}").ToList();
        if (catalog.Tactics.IsEmpty || catalog.Techniques.IsEmpty)
        {
            return new(null, $"--atlas-data {atlasData}: no tactics or techniques were found; it is not an ATLAS release.", notes);
        }

        return new(catalog, null, notes);
    }

    private static AtlasCatalogLoad Fail(string error) => new(null, error, []);
}
