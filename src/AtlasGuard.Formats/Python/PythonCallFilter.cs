using System.Collections.Frozen;

namespace AtlasGuard.Formats.Python;

/// <summary>
/// Which calls a caller of <see cref="PythonParser"/> wants as call sites: those whose last name part is in
/// <paramref name="names"/> (e.g. "load"), those whose first name part resolves to a module in
/// <paramref name="modules"/> (e.g. "subprocess"), and any call with a keyword argument in <paramref name="keywords"/>
/// (e.g. "trust_remote_code"). Building fewer call sites is what makes a policy-driven scan fast.
/// </summary>
/// <param name="names">Last name parts of wanted callees.</param>
/// <param name="modules">Modules whose every call is wanted (matched on the resolved first part, or the whole resolved head).</param>
/// <param name="keywords">Keyword arguments that make any call wanted.</param>
public sealed class PythonCallFilter(IEnumerable<string> names, IEnumerable<string> modules, IEnumerable<string> keywords)
{
    private readonly FrozenSet<string> _names = names.ToFrozenSet(StringComparer.Ordinal);
    private readonly FrozenSet<string> _modules = modules.ToFrozenSet(StringComparer.Ordinal);
    private readonly FrozenSet<string> _keywords = keywords.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether a callee whose last part is <paramref name="lastPart"/> is wanted.</summary>
    public bool KeepsName(string lastPart) => _names.Contains(lastPart);

    /// <summary>Whether calls under the resolved head <paramref name="resolvedHead"/> (e.g. "subprocess" or "os.path") are wanted.</summary>
    public bool KeepsModule(string resolvedHead)
    {
        var dot = resolvedHead.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? _modules.Contains(resolvedHead) : _modules.GetAlternateLookup<ReadOnlySpan<char>>().Contains(resolvedHead.AsSpan(0, dot));
    }

    /// <summary>Whether a keyword argument named <paramref name="keyword"/> makes its call wanted.</summary>
    public bool Wakes(string keyword) => _keywords.Contains(keyword);
}
