using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using AtlasGuard.Core.Atlas;
using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Profiles;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>
/// Reads threat-model documents: YAML into a JSON tree with positions, the schema, then the semantic checks
/// (unique ids, references, ATLAS ids), and finally the typed model. Never throws for bad input; every problem
/// is a <see cref="ThreatModelDiagnostic"/>.
/// </summary>
public static class ThreatModelLoader
{
    /// <summary>Loads a <c>kind: PipelineModel</c> file.</summary>
    public static ThreatModelLoadResult LoadFile(string path, ThreatModelLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= ThreatModelLoadOptions.Default;
        return ReadFile(path, options.Limits, out var text) is { } failure ? new(null, [failure]) : Load(text, path, options);
    }

    /// <summary>Loads a <c>kind: PipelineModel</c> document from text; <paramref name="file"/> names it in diagnostics.</summary>
    public static ThreatModelLoadResult Load(string text, string file, ThreatModelLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        options ??= ThreatModelLoadOptions.Default;
        var diagnostics = new List<ThreatModelDiagnostic>();
        if (Parse(text, file, options.Limits, "PipelineModel", diagnostics) is not { } c)
        {
            return new(null, Sorted(diagnostics));
        }

        var catalog = options.Catalog ?? AtlasCatalog.Embedded;
        var library = new Dictionary<string, AttackerProfile>(StringComparer.Ordinal);
        foreach (var profile in BuiltInProfiles.All.Concat(options.Profiles))
        {
            library[profile.Id] = profile;
        }

        ReferenceChecks.Run(c);
        var profiles = ProfileResolver.Resolve(c, library, ProfileOrigin.Inline);
        AtlasIdChecks.Run(c, catalog, profiles.Select(p => p.Id).ToHashSet(StringComparer.Ordinal));
        var model = c.HasErrors ? null : ModelBuilder.Build(file, c.Root, c.Map, profiles);
        return new(model, Sorted(diagnostics));
    }

    /// <summary>Loads a <c>kind: AttackerProfiles</c> file.</summary>
    public static AttackerProfilesLoadResult LoadProfilesFile(string path, LoadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadFile(path, limits ?? LoadLimits.Default, out var text) is { } failure ? new([], [failure]) : LoadProfiles(text, path, limits);
    }

    /// <summary>Loads a <c>kind: AttackerProfiles</c> document from text.</summary>
    public static AttackerProfilesLoadResult LoadProfiles(string text, string file, LoadLimits? limits = null) =>
        LoadProfiles(text, file, limits, ProfileOrigin.ProfilesFile);

    internal static AttackerProfilesLoadResult LoadProfiles(string text, string file, LoadLimits? limits, ProfileOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        var diagnostics = new List<ThreatModelDiagnostic>();
        if (Parse(text, file, limits ?? LoadLimits.Default, "AttackerProfiles", diagnostics) is not { } c)
        {
            return new([], Sorted(diagnostics));
        }

        var profiles = ProfileResolver.Resolve(c, new Dictionary<string, AttackerProfile>(), origin);
        return new(c.HasErrors ? [] : profiles, Sorted(diagnostics));
    }

    private static CheckContext? Parse(string text, string file, LoadLimits limits, string kind, List<ThreatModelDiagnostic> diagnostics)
    {
        if (Encoding.UTF8.GetByteCount(text) > limits.MaxBytes)
        {
            diagnostics.Add(TooLarge(file, limits));
            return null;
        }

        var (root, map) = YamlTreeReader.Read(text, file, limits, diagnostics);
        if (root is null)
        {
            return null;
        }

        if (root is not JsonObject obj)
        {
            diagnostics.Add(ThreatModelDiagnostic.Error(file, map.ValueAt(""), DiagnosticCodes.NotAMapping,
                "The top level of the document must be a mapping.", "Start with 'apiVersion:' and 'kind:'."));
            return null;
        }

        if (!SchemaValidator.Validate(obj, map, file, diagnostics) || diagnostics.Count > 0)
        {
            return null;
        }

        if (Json.Str(obj, "kind") != kind)
        {
            var other = kind == "PipelineModel" ? "LoadProfilesFile" : "LoadFile";
            diagnostics.Add(ThreatModelDiagnostic.Error(file, map.ValueAt("/kind"), DiagnosticCodes.WrongKind,
                $"Expected a document of kind {kind}, found {Json.Str(obj, "kind")}.", $"Load it with {other}, or pass the other file."));
            return null;
        }

        return new CheckContext(file, obj, map, diagnostics);
    }

    private static ThreatModelDiagnostic? ReadFile(string path, LoadLimits limits, out string text)
    {
        text = "";
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > limits.MaxBytes)
            {
                return TooLarge(path, limits);
            }

            text = File.ReadAllText(path, Encoding.UTF8);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ThreatModelDiagnostic.Error(path, SourcePosition.None, DiagnosticCodes.YamlSyntax, "Cannot read the file: " + e.Message, null);
        }
    }

    private static ThreatModelDiagnostic TooLarge(string file, LoadLimits limits) =>
        ThreatModelDiagnostic.Error(file, SourcePosition.None, DiagnosticCodes.TooLarge,
            $"The document is larger than {limits.MaxBytes} bytes.", "A threat model this large is probably not hand-written; split it or raise the limit.");

    private static ImmutableArray<ThreatModelDiagnostic> Sorted(List<ThreatModelDiagnostic> diagnostics) =>
        [.. diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Code, StringComparer.Ordinal)];
}
