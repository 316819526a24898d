using System.Collections.Frozen;
using AtlasGuard.Formats.Python;

namespace AtlasGuard.Detectors.Code;

/// <summary>
/// AG-COD-008: Hugging Face Hub downloads of a literal "owner/name" repository without a revision pinned to a
/// 40-hex commit. A non-literal repository or revision is not judged (it may be a local path or a pinned value).
/// </summary>
internal static class HubDownloadCheck
{
    private static readonly FrozenSet<string> Downloads = new[]
    {
        "huggingface_hub.hf_hub_download", "huggingface_hub.snapshot_download", "huggingface_hub.file_download.hf_hub_download",
        "datasets.load_dataset", "sentence_transformers.SentenceTransformer", "transformers.pipeline",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly string[] RepositoryKeywords = ["pretrained_model_name_or_path", "repo_id", "path", "model_name_or_path", "model"];

    public static void Check(PythonModule module, List<CodeHit> hits)
    {
        Dictionary<string, string?>? constants = null;
        foreach (var call in module.Calls)
        {
            if (!IsDownload(call.Resolved) || RepositoryOf(call, constants ??= Constants(module)) is not { } repository)
            {
                continue;
            }

            var revision = call.Argument("revision");
            if (revision is null && call.Spread)
            {
                continue;
            }

            var pin = revision?.Kind == PythonValueKind.Name && constants.TryGetValue(revision.Value!, out var constant) ? constant : revision?.Value;
            if (revision is not null && (revision.Kind == PythonValueKind.Other || pin is null || IsCommit(pin)))
            {
                continue;
            }

            var why = revision is null ? "without revision=" : $"with revision=\"{pin}\", a branch or tag that can move";
            hits.Add(new CodeHit(CodeRules.HubDownloadUnpinned, call.Line, call.Column,
                $"{CodeText.Callee(call)} downloads \"{repository}\" from the Hugging Face Hub {why}.", CodeText.Snippet(module.Tokens, call)));
        }
    }

    private static bool IsDownload(string resolved) =>
        Downloads.Contains(resolved) || resolved.EndsWith(".from_pretrained", StringComparison.Ordinal)
        || resolved.EndsWith(".hf_hub_download", StringComparison.Ordinal) || resolved.EndsWith(".snapshot_download", StringComparison.Ordinal);

    // The repository argument's literal value, also through a name assigned one string literal in the module.
    private static string? RepositoryOf(PythonCallSite call, Dictionary<string, string?> constants)
    {
        var argument = call.Argument("__positional__", 0);
        foreach (var keyword in RepositoryKeywords)
        {
            argument ??= call.Argument(keyword);
        }

        var value = argument switch
        {
            { Kind: PythonValueKind.Literal } => argument.Value,
            { Kind: PythonValueKind.Name } when constants.TryGetValue(argument.Value!, out var constant) => constant,
            _ => null,
        };
        return value is not null && IsRepositoryId(value) ? value : null;
    }

    // Names assigned exactly one literal value (a name assigned twice, or anything else, maps to null).
    private static Dictionary<string, string?> Constants(PythonModule module)
    {
        var constants = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var assignment in module.Assignments)
        {
            var literal = assignment.Value.Kind == PythonValueKind.Literal ? assignment.Value.Value : null;
            constants[assignment.Target] = constants.ContainsKey(assignment.Target) ? null : literal;
        }

        return constants;
    }

    // "owner/name" with Hub characters only; "./x", "/abs/path", "a/b/c" and "C:\x" are local paths.
    private static bool IsRepositoryId(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1 || value.IndexOf('/', slash + 1) >= 0 || value.Length > 96 || value[0] is '.' or '~')
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsCommit(string value) => value.Length == 40 && value.All(char.IsAsciiHexDigitLower);
}
