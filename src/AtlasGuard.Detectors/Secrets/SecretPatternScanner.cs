using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;

namespace AtlasGuard.Detectors.Secrets;

/// <summary>
/// Finds the credential shapes of <c>secret-patterns.json</c> in text, in time linear in its length. Almost every
/// prefix and keyword holds a '_', '-' or '~', so the main pass is a vectorised search for those three characters;
/// at each one, the two characters before it select the few anchors that could end there (a frozen table lookup).
/// The remaining anchors (<c>AKIA</c>, <c>dapi</c>, <c>AccountKey=</c> ...) are found by a second, case-sensitive
/// vectorised search over a handful of strings. A cheap boundary test discards most candidates; only then does a pattern's
/// non-backtracking regex run, on a window of at most its maximum length.
/// </summary>
internal sealed class SecretPatternScanner
{
    private static readonly Lazy<SecretPatternScanner> Default = new(() => new SecretPatternScanner(LoadEmbedded()));
    private static readonly SearchValues<char> Triggers = SearchValues.Create("_-~");
    private const int HashBits = 16;

    private readonly FrozenDictionary<uint, Anchor[]> _byTrigger;
    private readonly ulong[] _triggerBits = new ulong[1 << (HashBits - 6)];
    private readonly SearchValues<string> _others;
    private readonly FrozenDictionary<char, Anchor[]> _othersByFirstChar;
    private readonly SearchValues<string>[][] _requires;

    public SecretPatternScanner(ImmutableArray<SecretPattern> patterns)
    {
        Patterns = patterns;
        _requires = [.. patterns.Select(p => p.Requires.Select(r => SearchValues.Create([r], StringComparison.OrdinalIgnoreCase)).ToArray())];
        var anchors = new List<Anchor>();
        for (var i = 0; i < patterns.Length; i++)
        {
            var p = patterns[i];
            var index = i;
            anchors.AddRange(p.Prefixes.Select(a => new Anchor(a, p, index, IsKeyword: false, a.AsSpan().IndexOfAny(Triggers))));
            anchors.AddRange(p.KeywordsAsWritten.Select(k => new Anchor(k, p, index, IsKeyword: true, k.AsSpan().IndexOfAny(Triggers))));
        }

        _byTrigger = anchors.Where(a => a.Trigger >= 1).GroupBy(a => Key(a.Text, a.Trigger)).ToFrozenDictionary(g => g.Key, g => g.ToArray());
        foreach (var key in _byTrigger.Keys)
        {
            _triggerBits[Hash(key) >> 6] |= 1UL << (int)(Hash(key) & 63);
        }

        // Anchors without a trigger character are searched case-sensitively (much faster than ignoring case): prefixes as
        // written, keywords as written and in lower and upper case; a hit is then checked as usual.
        var others = anchors.Where(a => a.Trigger < 1).ToList();
        _others = SearchValues.Create([.. others.SelectMany(a => a.IsKeyword ? new[] { a.Text, a.Text.ToLowerInvariant(), a.Text.ToUpperInvariant() } : [a.Text])
            .Distinct(StringComparer.Ordinal)], StringComparison.Ordinal);
        _othersByFirstChar = others.GroupBy(a => Lower(a.Text[0])).ToFrozenDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>The built-in patterns.</summary>
    public static SecretPatternScanner BuiltIn => Default.Value;

    public ImmutableArray<SecretPattern> Patterns { get; }

    /// <summary>Finds credentials in <paramref name="text"/>, in order of offset, none overlapping another.</summary>
    public List<SecretMatch> Scan(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var candidates = new List<SecretMatch>();
        var span = text.AsSpan();
        var scan = new ScanState(text, _requires, candidates);
        var checkedSinceCancel = 0;
        for (var position = 0; position < span.Length;)
        {
            var next = span[position..].IndexOfAny(Triggers);
            if (next < 0)
            {
                break;
            }

            var at = position + next;
            position = at + 1;
            if ((++checkedSinceCancel & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var before2 = at >= 2 ? Key(Lower(text[at - 2]), Lower(text[at - 1]), text[at]) : 0u;
            var before1 = at >= 1 ? Key('\0', Lower(text[at - 1]), text[at]) : 0u;
            TryAnchors(scan, at, before2);
            TryAnchors(scan, at, before1);
        }

        FindOthers(scan, _others);
        return Accepted(text, candidates);
    }

    private void FindOthers(ScanState scan, SearchValues<string> values)
    {
        var text = scan.Text;
        var span = text.AsSpan();
        for (var position = 0; position < span.Length;)
        {
            var next = span[position..].IndexOfAny(values);
            if (next < 0)
            {
                break;
            }

            var at = position + next;
            position = at + 1;
            if (_othersByFirstChar.TryGetValue(Lower(text[at]), out var anchors))
            {
                foreach (var anchor in anchors)
                {
                    TryAnchor(scan, at, anchor);
                }
            }
        }
    }

    private void TryAnchors(ScanState scan, int at, uint key)
    {
        var hash = Hash(key);
        if (key != 0 && (_triggerBits[hash >> 6] & (1UL << (int)(hash & 63))) != 0 && _byTrigger.TryGetValue(key, out var anchors))
        {
            foreach (var anchor in anchors)
            {
                TryAnchor(scan, at - anchor.Trigger, anchor);
            }
        }
    }

    private static void TryAnchor(ScanState scan, int start, Anchor anchor)
    {
        var text = scan.Text;
        if (start < 0 || !text.AsSpan(start).StartsWith(anchor.Text, anchor.IsKeyword ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)
            || !scan.IsEnabled(anchor.PatternIndex))
        {
            return;
        }

        var match = anchor.IsKeyword ? MatchAfterKeyword(text, start, anchor) : MatchAtPrefix(text, start, anchor);
        if (match is not null)
        {
            scan.Candidates.Add(match);
        }
    }

    private static List<SecretMatch> Accepted(string text, List<SecretMatch> candidates)
    {
        candidates.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Value.Length.CompareTo(a.Value.Length));
        var found = new List<SecretMatch>();
        foreach (var match in candidates)
        {
            if ((found.Count == 0 || found[^1].End <= match.Start) && Accept(match))
            {
                found.Add(match);
            }
        }

        return found;
    }

    private static uint Hash(uint key) => (key * 0x9E3779B1u) >> (32 - HashBits);

    private static char Lower(char c) => char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;

    private static uint Key(string anchor, int trigger) =>
        Key(trigger >= 2 ? Lower(anchor[trigger - 2]) : '\0', trigger >= 1 ? Lower(anchor[trigger - 1]) : '\0', anchor[trigger]);

    private static uint Key(char twoBefore, char oneBefore, char trigger) =>
        ((uint)(twoBefore & 0x7FF) << 18) | ((uint)(oneBefore & 0x7FF) << 7) | (uint)(trigger & 0x7F) | 0x8000_0000u;

    private static SecretMatch? MatchAtPrefix(string text, int at, Anchor anchor)
    {
        var pattern = anchor.Pattern;
        if (pattern.LookBehind == 0 && at > 0 && SecretValues.IsWordChar(text[at - 1]))
        {
            return null;
        }

        var start = Math.Max(0, at - pattern.LookBehind);
        var end = Math.Min(text.Length, at + pattern.MaxLength + 1);
        if (!HasRun(text.AsSpan(at, end - at), Math.Min(16, pattern.MaxLength - pattern.LookBehind)))
        {
            return null;
        }

        for (var m = pattern.Regex.Match(text, start, end - start); m.Success; m = m.NextMatch())
        {
            if (m.Index <= at && m.Index + m.Length >= at + anchor.Text.Length && (m.Index == 0 || !SecretValues.IsWordChar(text[m.Index - 1]))
                && (m.Index + m.Length >= text.Length || !SecretValues.IsTokenChar(text[m.Index + m.Length])))
            {
                return new SecretMatch(pattern, m.Index, m.Value, pattern.LookBehind == 0 ? anchor.Text.Length : 0);
            }
        }

        return null;
    }

    private static SecretMatch? MatchAfterKeyword(string text, int at, Anchor anchor)
    {
        var pattern = anchor.Pattern;
        var start = at + anchor.Text.Length;
        var limit = Math.Min(text.Length, start + pattern.KeywordDistance + pattern.MaxLength + 1);
        var newline = text.AsSpan(start, limit - start).IndexOfAny('\n', '\r');
        var end = newline < 0 ? limit : start + newline;
        if (!HasRun(text.AsSpan(start, end - start), Math.Min(16, pattern.MaxLength)))
        {
            return null;
        }

        for (var m = pattern.Regex.Match(text, start, end - start); m.Success; m = m.NextMatch())
        {
            if (m.Index - start > pattern.KeywordDistance)
            {
                break;
            }

            if (Bounded(text, m.Index, m.Index + m.Length))
            {
                return new SecretMatch(pattern, m.Index, m.Value, 0);
            }
        }

        return null;
    }

    /// <summary>Whether a window holds enough value characters in a row to be worth a regex run.</summary>
    private static bool HasRun(ReadOnlySpan<char> window, int length)
    {
        var run = 0;
        foreach (var c in window)
        {
            run = char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '-' or '_' or '~' or '.' ? run + 1 : 0;
            if (run >= length)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Bounded(string text, int start, int end) =>
        (start == 0 || !SecretValues.IsTokenChar(text[start - 1])) && (end >= text.Length || !SecretValues.IsTokenChar(text[end]));

    private static bool Accept(SecretMatch match)
    {
        var pattern = match.Pattern;
        var value = match.Value;
        var body = value.AsSpan(match.PrefixLength);
        if (pattern.Allow.Contains(value) || value.Contains("EXAMPLE", StringComparison.Ordinal) || SecretValues.HasRun(body, 5)
            || SecretValues.Entropy(body) < pattern.MinEntropy || SecretValues.Classes(body) < pattern.MinClasses)
        {
            return false;
        }

        return pattern.Validator switch
        {
            null => true,
            "neptune" => NeptuneToken.IsValid(value),
            _ => throw new InvalidOperationException($"Secret pattern {pattern.Id}: unknown validator '{pattern.Validator}'."),
        };
    }

    private static ImmutableArray<SecretPattern> LoadEmbedded()
    {
        const string resource = "AtlasGuard.Detectors.Rules.secret-patterns.json";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Resource '{resource}' is missing.");
        var raw = JsonSerializer.Deserialize(stream, SecretPatternJsonContext.Default.SecretPatternJsonArray)
            ?? throw new InvalidOperationException("The secret patterns are empty.");
        return [.. raw.Select(r => new SecretPattern(r))];
    }

    /// <summary>
    /// One scan's text and candidates. Whether a pattern's required strings occur in the text is asked only when one
    /// of its anchors is found, and answered once per scan: most texts hold no anchor, and a whole-text search for
    /// every required string on every file had cost a third of a repository scan.
    /// </summary>
    private sealed class ScanState(string text, SearchValues<string>[][] requires, List<SecretMatch> candidates)
    {
        private sbyte[]? _enabled;

        public string Text { get; } = text;

        public List<SecretMatch> Candidates { get; } = candidates;

        public bool IsEnabled(int pattern)
        {
            var required = requires[pattern];
            if (required.Length == 0)
            {
                return true;
            }

            _enabled ??= new sbyte[requires.Length];
            if (_enabled[pattern] == 0)
            {
                _enabled[pattern] = required.All(r => Text.AsSpan().ContainsAny(r)) ? (sbyte)1 : (sbyte)-1;
            }

            return _enabled[pattern] > 0;
        }
    }

    /// <summary>A prefix or keyword; <see cref="Trigger"/> is the index of its first '_', '-' or '~', or -1.</summary>
    private sealed record Anchor(string Text, SecretPattern Pattern, int PatternIndex, bool IsKeyword, int Trigger);
}

/// <summary>A pattern's match: the value and where it starts; <see cref="PrefixLength"/> characters of it are the public prefix.</summary>
internal sealed record SecretMatch(SecretPattern Pattern, int Start, string Value, int PrefixLength)
{
    public int End => Start + Value.Length;
}
