using System.Collections.Immutable;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;

namespace AtlasGuard.Detectors.Containers;

/// <summary>Checks archive member paths and link targets for escapes from the extraction folder ("zip slip").</summary>
internal static class MemberPaths
{
    private static readonly Lazy<RuleDescriptor> Rule = new(() =>
        RuleDescriptorLoader.LoadEmbedded(typeof(MemberPaths).Assembly, "AtlasGuard.Detectors.Rules.archives.json",
            "AtlasGuard.Detectors.Rules.help/").Single());

    /// <summary>AG-MDL-040.</summary>
    public static RuleDescriptor PathEscapes => Rule.Value;

    /// <summary>The rules archive readers report through this class.</summary>
    public static ImmutableArray<RuleDescriptor> Rules => [PathEscapes];

    /// <summary>Why <paramref name="path"/> escapes, or null when it stays inside the extraction folder.</summary>
    public static string? Escape(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var p = path.Replace('\\', '/');
        if (p.StartsWith('/'))
        {
            return "it is an absolute path";
        }

        if (p.Length >= 2 && char.IsAsciiLetter(p[0]) && p[1] == ':')
        {
            return "it starts with a drive letter";
        }

        return p.Split('/').Contains("..") ? "it contains '..' segments" : null;
    }

    /// <summary>Reports a member whose path (or link target, resolved against the member's folder) escapes.</summary>
    public static void Check(IFindingSink sink, ArtifactLocation archive, string memberPath, string? linkTarget = null)
    {
        if (Escape(memberPath) is { } why)
        {
            sink.Report(PathEscapes.CreateFinding(archive, $"Member '{memberPath}' would be extracted outside the target folder: {why}.",
                key: "path:" + memberPath, evidence: memberPath));
        }

        if (linkTarget is null)
        {
            return;
        }

        var folder = memberPath.Replace('\\', '/');
        folder = folder.Contains('/', StringComparison.Ordinal) ? folder[..(folder.LastIndexOf('/') + 1)] : string.Empty;
        if (Escape(linkTarget) is { } linkWhy || Escape(folder + linkTarget) is { } resolvedWhy)
        {
            sink.Report(PathEscapes.CreateFinding(archive, $"Link member '{memberPath}' points outside the target folder: '{linkTarget}'.",
                key: "link:" + memberPath, evidence: $"{memberPath} -> {linkTarget}"));
        }
    }
}
