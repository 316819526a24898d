using System.Text.Json.Nodes;
using System.Text.Json;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Formats.Yaml;
using AtlasGuard.ThreatModel.Discovery.Draft;

namespace AtlasGuard.ThreatModel.Discovery.Readers;

/// <summary>
/// Model files identified by content (the scan engine's sniffer). A folder holding a Hugging Face
/// <c>config.json</c> next to weights is one model asset; any other model file is an asset of its own.
/// </summary>
internal sealed class ModelFileReader
{
    private const int MaxConfigBytes = 1024 * 1024;

    private readonly List<(string Path, string Serialization, string How)> _files = [];

    public static bool IsCandidate(string fileName) => ModelFormats.Extensions.Contains(Path.GetExtension(fileName).ToLowerInvariant());

    public void Add(string path, ReadOnlySpan<byte> head, long length)
    {
        if (ModelFormats.FromFile(ContentSniffer.Sniff(head, length), path) is { } format)
        {
            _files.Add((path, format.Serialization, format.How));
        }
    }

    public void Finish(DraftDocument draft, Func<string, string?> readSmallText)
    {
        foreach (var folder in _files.GroupBy(f => Folder(f.Path)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var configPath = folder.Key.Length == 0 ? "config.json" : folder.Key + "/config.json";
            var config = readSmallText(configPath);
            if (config is not null && TryParse(config) is { } hf)
            {
                AddHuggingFaceFolder(draft, folder.Key, configPath, hf, folder);
                continue;
            }

            foreach (var file in folder.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                var asset = draft.AddModel(Path.GetFileNameWithoutExtension(file.Path));
                Describe(asset, file);
            }
        }
    }

    private static void AddHuggingFaceFolder(DraftDocument draft, string folder, string configPath, JsonObject config,
        IEnumerable<(string Path, string Serialization, string How)> files)
    {
        var asset = draft.AddModel(folder.Length == 0 ? "model" : folder[(folder.LastIndexOf('/') + 1)..]);
        var architectures = (config["architectures"] as JsonArray)?.Select(YamlNodes.Text).OfType<string>().ToList() ?? [];
        asset.Evidence.Add((configPath, 0, $"Hugging Face model folder{(architectures.Count > 0 ? " (" + string.Join(", ", architectures) + ")" : string.Empty)}"));
        asset.Kind = KindOf(architectures);
        if (YamlNodes.Text(config, "_name_or_path") is { } origin && IsHubName(origin))
        {
            asset.BaseModels.Add("hf:" + origin);
            asset.Todos.Add($"config.json names {origin} as its origin: pin the revision it was downloaded at (hf:{origin}@<commit>).");
        }

        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            Describe(asset, file);
        }
    }

    private static void Describe(DraftModelAsset asset, (string Path, string Serialization, string How) file)
    {
        asset.Serialization.Add(file.Serialization);
        var fact = $"{file.Serialization} model file (identified by {file.How})";
        if (ModelFormats.IsPickleFamily(file.Serialization))
        {
            fact += "; a pickle-based format: loading it can run code";
        }

        asset.Evidence.Add((file.Path, 0, fact));
    }

    private static string? KindOf(List<string> architectures)
    {
        if (architectures.Any(a => a.EndsWith("ForCausalLM", StringComparison.Ordinal) || a.EndsWith("LMHeadModel", StringComparison.Ordinal)
            || a.EndsWith("ForConditionalGeneration", StringComparison.Ordinal)))
        {
            return "generative";
        }

        return architectures.Any(a => a.Contains("For", StringComparison.Ordinal) && a.EndsWith("Classification", StringComparison.Ordinal))
            ? "predictive"
            : null;
    }

    private static bool IsHubName(string value)
    {
        var parts = value.Split('/');
        return parts.Length == 2 && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) && !value.StartsWith('.');
    }

    private static JsonObject? TryParse(string text)
    {
        if (text.Length > MaxConfigBytes)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 32 }) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Folder(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }
}
