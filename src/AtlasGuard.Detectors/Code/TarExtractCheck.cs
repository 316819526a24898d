using AtlasGuard.Formats.Python;

namespace AtlasGuard.Detectors.Code;

/// <summary>
/// AG-COD-014: <c>extractall</c>/<c>extract</c> on a name bound to <c>tarfile.open(...)</c> (by assignment or
/// <c>with ... as</c>), on <c>tarfile.open(...)</c> directly, and <c>shutil.unpack_archive</c>, without <c>filter=</c>
/// or with <c>filter="fully_trusted"</c>.
/// </summary>
internal static class TarExtractCheck
{
    public static void Check(PythonModule module, List<CodeHit> hits)
    {
        HashSet<string>? archives = null;
        var calls = module.Calls;
        var next = 0;
        foreach (var assignment in module.Assignments)
        {
            while (next < calls.Length && calls[next].Token < assignment.Start)
            {
                next++;
            }

            if (next < calls.Length && calls[next].Token == assignment.Start && calls[next].Resolved.StartsWith("tarfile.", StringComparison.Ordinal))
            {
                (archives ??= new HashSet<string>(StringComparer.Ordinal)).Add(assignment.Target);
            }
        }

        foreach (var call in calls)
        {
            if (!IsExtraction(call, archives))
            {
                continue;
            }

            var filter = call.Argument("filter");
            if ((filter is null && !call.Spread) || (filter?.IsLiteral("fully_trusted") ?? false))
            {
                var why = filter is null ? "without filter=" : "with filter=\"fully_trusted\"";
                hits.Add(new CodeHit(CodeRules.TarExtractWithoutFilter, call.Line, call.Column,
                    $"{CodeText.Callee(call)}(...) extracts a tar archive {why}; member names like ../../x escape the target folder.", CodeText.Snippet(module.Tokens, call)));
            }
        }
    }

    private static bool IsExtraction(PythonCallSite call, HashSet<string>? archives)
    {
        if (call.Resolved == "shutil.unpack_archive")
        {
            return true;
        }

        var dot = call.Name.LastIndexOf('.');
        if (dot <= 0)
        {
            return false;
        }

        var method = call.Name.AsSpan(dot + 1);
        if (!method.SequenceEqual("extractall") && !method.SequenceEqual("extract"))
        {
            return false;
        }

        var receiver = call.Name[..dot];
        return (archives?.Contains(receiver) ?? false) || (call.Resolved.StartsWith("tarfile.", StringComparison.Ordinal) && receiver.EndsWith("()", StringComparison.Ordinal));
    }
}
