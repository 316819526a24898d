using System.Text.Json.Nodes;
using AtlasGuard.Formats.Kubernetes;
using AtlasGuard.Formats.Yaml;
using AtlasGuard.ThreatModel.Discovery.Draft;
using AtlasGuard.ThreatModel.Loading;
using YamlReader = AtlasGuard.Formats.Yaml.YamlTreeReader;

namespace AtlasGuard.ThreatModel.Discovery.Readers;

/// <summary>One YAML document of a file, with the line its text starts after.</summary>
internal sealed record YamlDoc(JsonNode Root, SourceMap Map, int LineOffset)
{
    /// <summary>The 1-based line of the value at a JSON pointer, in the whole file.</summary>
    public int Line(string pointer)
    {
        var at = Map.ValueAt(pointer);
        return at.Line > 0 ? at.Line + LineOffset : 0;
    }
}

/// <summary>
/// Reads every document of a YAML file through the bounded reader (depth, node and alias-expansion limits;
/// merge keys expanded as compose files use them). A document that cannot be read becomes a note; the others
/// are still returned.
/// </summary>
internal static class YamlDocuments
{
    private static readonly YamlReadOptions Options = new() { MaxDepth = 64, MaxNodes = 100_000, ExpandMergeKeys = true };

    public static List<YamlDoc> Read(string text, string path, DraftDocument draft) => Read(YamlReader.ReadAll(text, Options), path, draft);

    /// <summary>The objects of a Kubernetes manifest stream: the items of a <c>List</c> document count as documents.</summary>
    public static List<YamlDoc> ReadKubernetesObjects(string text, string path, DraftDocument draft) =>
        Read(KubernetesManifest.Objects(YamlReader.ReadAll(text, Options)), path, draft);

    private static List<YamlDoc> Read(IEnumerable<YamlDocument> documents, string path, DraftDocument draft)
    {
        var docs = new List<YamlDoc>();
        foreach (var document in documents)
        {
            var problem = document.Problems.FirstOrDefault(p => p.Fatal);
            if (problem is not null)
            {
                draft.Note(path, problem.At.Line > 0 ? problem.At.Line + document.LineOffset : 0, "Not read: " + problem.Message);
                continue;
            }

            if (document.Root is not null)
            {
                docs.Add(new YamlDoc(document.Root, new SourceMap(document.Map), document.LineOffset));
            }
        }

        return docs;
    }
}
