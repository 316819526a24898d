using System.Globalization;
using System.Text;

namespace AtlasGuard.Formats.Pickle.Internal;

/// <summary>Short, printable, safe-to-log summaries of symbolic values (evidence for calls).</summary>
internal static class ArgumentFormatter
{
    public const int MaxArguments = 4;
    private const int MaxText = 120;

    /// <summary>A summary; <paramref name="text"/> reads the values whose text is in the stream's store.</summary>
    public static string Summarize(in SymValue value, TextStore? text, int depth = 0)
    {
        switch (value.Ref)
        {
            case KindTag { Form: not TextForm.None } textTag:
                var prefix = textTag.Kind switch
                {
                    ValueKind.Bytes => "b",
                    ValueKind.ByteArray => "bytearray(b",
                    _ => "",
                };
                var suffix = textTag.Kind == ValueKind.ByteArray ? ")" : "";
                if (textTag.Form != TextForm.Lost && text?.TextOf(value) is { } stored)
                {
                    return prefix + Quote(stored, truncated: false) + suffix;
                }

                return textTag.Form == TextForm.Lost
                    ? $"<{(textTag.Kind == ValueKind.Str ? "str" : textTag.Kind == ValueKind.Bytes ? "bytes" : "bytearray")} of {value.Bits.ToString(CultureInfo.InvariantCulture)} chars, text not kept>"
                    : "<str, text not kept>";
            case KindTag tag:
                return tag.Kind switch
                {
                    ValueKind.None => "None",
                    ValueKind.Bool => value.Bits != 0 ? "True" : "False",
                    ValueKind.Int => value.Bits.ToString(CultureInfo.InvariantCulture),
                    ValueKind.Float => BitConverter.Int64BitsToDouble(value.Bits).ToString("R", CultureInfo.InvariantCulture),
                    ValueKind.Bytes => "b''",
                    ValueKind.Buffer => "<out-of-band buffer>",
                    ValueKind.List => tag == KindTag.FreshList ? $"list(len={value.Bits.ToString(CultureInfo.InvariantCulture)})" : "list(...)",
                    ValueKind.Dict => tag == KindTag.FreshDict ? $"dict(len={value.Bits.ToString(CultureInfo.InvariantCulture)})" : "dict(...)",
                    ValueKind.Set => "set(...)",
                    _ => value.Bits > 0 ? $"<unknown: memo key {value.Bits - 1} missing>" : "<unknown>",
                };
            case string whole:
                var kind = (ValueKind)(value.Bits & 0xFF);
                var quoted = Quote(whole, value.TextLength > whole.Length);
                return kind switch
                {
                    ValueKind.Bytes => "b" + quoted,
                    ValueKind.ByteArray => "bytearray(b" + quoted + ")",
                    _ => quoted,
                };
            case TupleValue tuple:
                return SummarizeTuple(tuple, text, depth);
            case CollectionValue collection:
                var name = collection.Kind switch
                {
                    ValueKind.List => "list",
                    ValueKind.Set => "set",
                    _ => "frozenset",
                };
                return $"{name}(len={collection.Count.ToString(CultureInfo.InvariantCulture)})";
            case DictValue dict:
                return $"dict(len={dict.Count.ToString(CultureInfo.InvariantCulture)})";
            case ImportValue import:
                return Printable(import.Import.FullName);
            case InstanceValue instance:
                return instance.Origin is null ? "<object>" : $"<{Printable(instance.Origin.FullName)}(...) object>";
            case ExtensionValue extension:
                return $"<extension {extension.Code.ToString(CultureInfo.InvariantCulture)}>";
            case PersistentValue persistent:
                return $"<persistent {persistent.Summary}>";
            case BigIntValue big:
                return big.DecimalText is { Length: <= MaxText } digits
                    ? digits
                    : $"<int of {big.ByteCount.ToString(CultureInfo.InvariantCulture)} bytes>";
            default:
                return "<unknown>";
        }
    }

    public static string[] SummarizeAll(ReadOnlySpan<SymValue> values, TextStore? text)
    {
        var count = Math.Min(values.Length, MaxArguments);
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = Summarize(values[i], text, 1);
        }

        return result;
    }

    /// <summary>Python-like quoting; everything outside printable ASCII is escaped, long text is cut with "…".</summary>
    public static string Quote(string text, bool truncated)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxText) + 8);
        builder.Append('\'');
        var shown = 0;
        foreach (var c in text)
        {
            if (shown++ >= MaxText)
            {
                truncated = true;
                break;
            }

            AppendEscaped(builder, c);
        }

        if (truncated)
        {
            builder.Append('…');
        }

        builder.Append('\'');
        return builder.ToString();
    }

    /// <summary>Escapes anything outside printable ASCII (names from the stream are untrusted).</summary>
    public static string Printable(string text)
    {
        var clean = true;
        foreach (var c in text)
        {
            if (c is < ' ' or > '~' || c == '\\')
            {
                clean = false;
                break;
            }
        }

        if (clean && text.Length <= 512)
        {
            return text;
        }

        var builder = new StringBuilder(Math.Min(text.Length, 512) + 8);
        foreach (var c in text.Length > 512 ? text[..512] : text)
        {
            if (c == '\'')
            {
                builder.Append(c);
                continue;
            }

            AppendEscaped(builder, c);
        }

        if (text.Length > 512)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }

    private static string SummarizeTuple(TupleValue tuple, TextStore? text, int depth)
    {
        if (depth >= 3)
        {
            return "(...)";
        }

        var builder = new StringBuilder("(");
        for (var i = 0; i < tuple.Items.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append(Summarize(tuple.Items[i], text, depth + 1));
        }

        if (tuple.Count > tuple.Items.Length)
        {
            builder.Append(", …");
        }
        else if (tuple.Count == 1)
        {
            builder.Append(',');
        }

        builder.Append(')');
        return builder.ToString();
    }

    private static void AppendEscaped(StringBuilder builder, char c)
    {
        switch (c)
        {
            case '\\':
                builder.Append("\\\\");
                break;
            case '\'':
                builder.Append("\\'");
                break;
            case '\n':
                builder.Append("\\n");
                break;
            case '\r':
                builder.Append("\\r");
                break;
            case '\t':
                builder.Append("\\t");
                break;
            case < ' ' or (> '~' and <= '\u00ff'):
                builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                break;
            case > '~':
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                break;
            default:
                builder.Append(c);
                break;
        }
    }
}
