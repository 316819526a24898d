using AtlasGuard.Cli.Output;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Atlas.Update;

namespace AtlasGuard.Cli.Commands;

/// <summary>The outcome of loading the ATLAS catalog for <c>scan</c> or an <c>atlas</c> command.</summary>
/// <param name="Catalog">The catalog; null when it could not be loaded.</param>
/// <param name="Error">Why it could not be loaded.</param>
/// <param name="Notes">What the user should know, one line each: what the loader skipped, or why a cached release was not used.</param>
internal sealed record AtlasCatalogLoad(AtlasCatalog? Catalog, string? Error, IReadOnlyList<string> Notes);

/// <summary>
/// Chooses the catalog from <c>--atlas-data</c>: a release file given explicitly (a failure is an error), the word
/// <c>embedded</c> (the facts AtlasGuard ships), or, when the option is absent, the release <c>atlas update</c>
/// cached (a failure there is a note, and the embedded facts are used) or else the embedded facts.
/// </summary>
internal static class AtlasCatalogSource
{
    /// <summary>The <c>--atlas-data</c> value that forces the embedded facts.</summary>
    public const string Embedded = "embedded";

    public static AtlasCatalogLoad Load(string? atlasData, AtlasCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        if (atlasData is null)
        {
            return LoadCached(cache);
        }

        if (atlasData.Equals(Embedded, StringComparison.OrdinalIgnoreCase))
        {
            return new(AtlasCatalog.Embedded, null, []);
        }

        var (catalog, error) = TryLoad(atlasData);
        if (catalog is null)
        {
            return new(null, $"--atlas-data {atlasData}: {error}", []);
        }

        return new(catalog, null, catalog.Report.Skipped.Select(i => $"{atlasData}: {i}").ToList());
    }

    /// <summary>
    /// <see cref="Load"/>, with its notes and error printed on standard error; null when the command must exit with
    /// <see cref="ExitCodes.UsageError"/>.
    /// </summary>
    public static AtlasCatalog? LoadAndReport(string? atlasData, AtlasCache cache)
    {
        var load = Load(atlasData, cache);
        foreach (var note in load.Notes)
        {
            Errors.Note(note);
        }

        if (load.Catalog is null)
        {
            Errors.Print([load.Error!]);
        }

        return load.Catalog;
    }

    /// <summary>
    /// The cached release, without the loader's notes on MITRE's data quirks (the user did not name the file, and
    /// would otherwise see them on every command); when it cannot be used, one note and the embedded facts.
    /// </summary>
    private static AtlasCatalogLoad LoadCached(AtlasCache cache)
    {
        if (!cache.TryGetPath(out var path))
        {
            return new(AtlasCatalog.Embedded, null, []);
        }

        var (catalog, error) = TryLoad(path);
        return catalog is not null
            ? new(catalog, null, [])
            : new(AtlasCatalog.Embedded, null,
                [$"the cached ATLAS release {path} was not used ({error}); using the embedded facts. Run 'atlasguard atlas update' to replace it."]);
    }

    private static (AtlasCatalog? Catalog, string? Error) TryLoad(string path)
    {
        if (!File.Exists(path))
        {
            return (null, "file not found. Give an official ATLAS release file, e.g. dist/ATLAS.yaml of mitre-atlas/atlas-data, "
                + $"or '{Embedded}' for the facts AtlasGuard ships.");
        }

        AtlasCatalog catalog;
        try
        {
            catalog = AtlasYamlLoader.LoadFile(path);
        }
        catch (AtlasDataException ex)
        {
            return (null, $"not a usable ATLAS release: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot be read: {ex.Message}");
        }

        return catalog.Tactics.IsEmpty || catalog.Techniques.IsEmpty
            ? (null, "no tactics or techniques were found; it is not an ATLAS release.")
            : (catalog, null);
    }
}
