using System.Buffers;
using System.Collections.Frozen;

namespace AtlasGuard.Detectors.Code;

/// <summary>
/// A one-pass test of whether any of a set of identifiers occurs in a text as a whole identifier, used to leave pieces
/// of source that no code rule can concern untokenized. It errs towards "yes": a candidate next to a non-ASCII
/// character, or inside a run that starts with a digit (the tokenizer may split "0xopen" into a number and a name),
/// counts as an occurrence; a word outside [A-Za-z0-9_] makes every text count.
/// </summary>
internal sealed class CodeWords
{
    private readonly SearchValues<string> _starts;
    private readonly FrozenSet<string> _words;
    private readonly bool _always;

    public CodeWords(IEnumerable<string> words)
    {
        var list = words.Distinct(StringComparer.Ordinal).ToArray();
        _always = list.Length == 0 || list.Any(w => w.Length == 0 || !w.All(IsWordChar));
        _starts = SearchValues.Create(_always ? ["_"] : list, StringComparison.Ordinal);
        _words = list.ToFrozenSet(StringComparer.Ordinal);
    }

    public bool AnyIn(string text)
    {
        if (_always)
        {
            return true;
        }

        var lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        var at = 0;
        while (at < text.Length)
        {
            var found = text.AsSpan(at).IndexOfAny(_starts);
            if (found < 0)
            {
                return false;
            }

            var i = at + found;
            var runStart = i;
            while (runStart > 0 && IsWordChar(text[runStart - 1]))
            {
                runStart--;
            }

            var runEnd = i;
            while (runEnd < text.Length && IsWordChar(text[runEnd]))
            {
                runEnd++;
            }

            if (runStart < i)
            {
                // Inside a longer run: a name token starting with a letter covers it whole; a number may not.
                if (char.IsAsciiDigit(text[runStart]) || (runStart > 0 && !char.IsAscii(text[runStart - 1])))
                {
                    return true;
                }

                at = runEnd;
                continue;
            }

            if (char.IsAsciiDigit(text[i]) || (i > 0 && !char.IsAscii(text[i - 1])) || (runEnd < text.Length && !char.IsAscii(text[runEnd]))
                || lookup.Contains(text.AsSpan(i, runEnd - i)))
            {
                return true;
            }

            at = runEnd; // Later starts inside this run are inside a name that starts with a letter.
        }

        return false;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
