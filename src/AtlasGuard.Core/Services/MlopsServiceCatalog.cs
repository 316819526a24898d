using System.Collections.Immutable;

namespace AtlasGuard.Core.Services;

/// <summary>
/// The MLOps products AtlasGuard recognises, with lookups by container image, command line and Kubernetes
/// kind. The data ships embedded in this assembly; a malformed file is a build defect and fails loudly.
/// </summary>
public sealed class MlopsServiceCatalog
{
    /// <summary>The name of the embedded resource that holds the catalog.</summary>
    public const string ResourceName = "AtlasGuard.Core.Services.mlops-services.json";

    private static readonly Lazy<MlopsServiceCatalog> BuiltIn = new(LoadBuiltIn);

    private MlopsServiceCatalog(ImmutableArray<MlopsService> services) => Services = services;

    /// <summary>The catalog embedded in AtlasGuard, loaded once.</summary>
    public static MlopsServiceCatalog Default => BuiltIn.Value;

    /// <summary>Every product, in file order.</summary>
    public ImmutableArray<MlopsService> Services { get; }

    /// <summary>
    /// Parses a catalog document. Throws <see cref="InvalidOperationException"/> (or
    /// <see cref="System.Text.Json.JsonException"/> for broken JSON) naming the first problem found.
    /// </summary>
    public static MlopsServiceCatalog Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new MlopsServiceCatalog(MlopsServiceReader.Read(json));
    }

    /// <summary>The product with this id, or null.</summary>
    public MlopsService? Find(string id) => Services.FirstOrDefault(s => s.Id == id);

    /// <summary>
    /// The product a container image reference belongs to (e.g. <c>docker.io/rayproject/ray:2.9.0-gpu</c>), or
    /// null. The registry host, tag and digest are ignored; the first product in file order wins.
    /// </summary>
    public MlopsService? MatchImage(string? image)
    {
        var repository = ImageRepository(image);
        if (repository.Length == 0)
        {
            return null;
        }

        foreach (var service in Services)
        {
            foreach (var pattern in service.Images)
            {
                if (ImageMatches(pattern, repository))
                {
                    return service;
                }
            }
        }

        return null;
    }

    /// <summary>The product a command line starts, judged by its first words (a leading path is ignored), or null.</summary>
    public MlopsService? MatchCommand(string? commandLine)
    {
        var words = (commandLine ?? string.Empty).Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return null;
        }

        // "sh -c '...'" and "/usr/bin/env" wrappers: look at every word position, not only the first.
        for (var start = 0; start < words.Length; start++)
        {
            if (!StartsCommand(words, start))
            {
                continue;
            }

            foreach (var service in Services)
            {
                foreach (var command in service.Commands)
                {
                    if (StartsWithWords(words, start, command.Split(' ')))
                    {
                        return service;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The product of a Kubernetes custom resource, from its <c>apiVersion</c> and <c>kind</c>, or null.</summary>
    public MlopsService? MatchKubernetesKind(string? apiVersion, string? kind)
    {
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            return null;
        }

        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        var key = group + "/" + kind;
        return Services.FirstOrDefault(s => s.KubernetesKinds.Contains(key, StringComparer.Ordinal));
    }

    /// <summary>The repository part of an image reference: registry host (if any), tag and digest removed, lower case.</summary>
    public static string ImageRepository(string? image)
    {
        var value = (image ?? string.Empty).Trim().Trim('"', '\'').ToLowerInvariant();
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            value = value[..at];
        }

        var lastSlash = value.LastIndexOf('/');
        var colon = value.LastIndexOf(':');
        if (colon > lastSlash)
        {
            value = value[..colon];
        }

        if (value.StartsWith("docker.io/", StringComparison.Ordinal))
        {
            value = value["docker.io/".Length..];
        }

        return value.StartsWith("library/", StringComparison.Ordinal) ? value["library/".Length..] : value;
    }

    private static bool ImageMatches(string pattern, string repository)
    {
        // A pattern with a registry host (nvcr.io/...) must match from the start; one without also matches
        // the same repository on any other registry (ghcr.io/org/x, registry.local:5000/org/x).
        var candidates = new[] { repository, StripHost(repository) };
        foreach (var candidate in candidates)
        {
            var matched = pattern.EndsWith('*')
                ? candidate.StartsWith(pattern[..^1], StringComparison.Ordinal)
                : string.Equals(candidate, pattern, StringComparison.Ordinal);
            if (matched)
            {
                return true;
            }
        }

        return false;
    }

    private static string StripHost(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return repository;
        }

        var first = repository[..slash];
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"
            ? repository[(slash + 1)..]
            : repository;
    }

    private static bool StartsCommand(string[] words, int index)
    {
        if (index == 0 || words[index][0] is '"' or '\'' or '[')
        {
            return true;
        }

        var previous = words[index - 1].TrimStart('"', '\'');
        return previous is "-c" or "&&" or "||" or ";" or "|" or "exec" or "--" || previous.EndsWith(';') || previous.EndsWith(',');
    }

    private static bool StartsWithWords(string[] words, int start, string[] command)
    {
        if (start + command.Length > words.Length)
        {
            return false;
        }

        for (var i = 0; i < command.Length; i++)
        {
            var word = words[start + i].Trim('"', '\'', '[', ']', ',');
            if (i == 0)
            {
                word = word[(word.LastIndexOf('/') + 1)..];
            }

            if (!string.Equals(word, command[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static MlopsServiceCatalog LoadBuiltIn()
    {
        using var stream = typeof(MlopsServiceCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing.");
        return Load(stream);
    }
}
