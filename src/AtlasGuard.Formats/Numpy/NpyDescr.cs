namespace AtlasGuard.Formats.Numpy;

/// <summary>What a <c>descr</c> value means, the way <c>numpy.lib.format.descr_to_dtype</c> reads it.</summary>
internal static class NpyDescr
{
    private const int MaxDepth = 32;

    /// <summary>Whether the dtype is, or contains, the object type.</summary>
    public static bool HasObject(PyLiteral descr, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            // Deeper than any real dtype: assume the worst.
            return true;
        }

        return descr switch
        {
            PyString s => StringHasObject(s.Value),
            PySequence { IsTuple: true, Items.Count: 2 } t when t.Items[1] is not PyString => HasObject(t.Items[0], depth + 1),
            PySequence { IsTuple: false } list => list.Items.Any(field => FieldHasObject(field, depth + 1)),
            _ => false,
        };
    }

    /// <summary>Bytes per element, or null when the dtype is not understood.</summary>
    public static long? ItemSize(PyLiteral descr, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        switch (descr)
        {
            case PyString s:
                return StringItemSize(s.Value);
            case PySequence { IsTuple: true, Items.Count: 2 } t when t.Items[1] is not PyString:
                return Multiply(ItemSize(t.Items[0], depth + 1), ShapeCount(t.Items[1]));
            case PySequence { IsTuple: false } list:
                long total = 0;
                foreach (var field in list.Items)
                {
                    if (field is not PySequence { IsTuple: true, Items.Count: 2 or 3 } f)
                    {
                        return null;
                    }

                    var size = ItemSize(f.Items[1], depth + 1);
                    if (f.Items.Count == 3)
                    {
                        size = Multiply(size, ShapeCount(f.Items[2]));
                    }

                    if (size is null || total > long.MaxValue - size.Value)
                    {
                        return null;
                    }

                    total += size.Value;
                }

                return total;
            default:
                return null;
        }
    }

    private static bool FieldHasObject(PyLiteral field, int depth)
    {
        // A field is (name, descr) or (name, descr, shape); a name may itself be a (title, name) tuple.
        if (field is PySequence { IsTuple: true } f && f.Items.Count >= 2)
        {
            return HasObject(f.Items[1], depth);
        }

        return HasObject(field, depth);
    }

    /// <summary>
    /// numpy turns strings such as "O", "|O8", "object", "i4,O" and "(2,)O" into object dtypes. Any letter run that is
    /// exactly "O" or starts with "object" counts; over-reporting only errs towards scanning the pickle.
    /// </summary>
    private static bool StringHasObject(string value)
    {
        var i = 0;
        while (i < value.Length)
        {
            if (!char.IsAsciiLetter(value[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < value.Length && (char.IsAsciiLetter(value[i]) || value[i] == '_'))
            {
                i++;
            }

            var word = value.AsSpan(start, i - start);
            if (word is "O" || word.StartsWith("object", StringComparison.Ordinal))
            {
                return true;
            }

            // Skip a bracketed unit such as [ns] so that its letters are not read as type codes.
            if (i < value.Length && value[i] == '[')
            {
                var close = value.IndexOf(']', i);
                i = close < 0 ? value.Length : close + 1;
            }
        }

        return false;
    }

    private static long? StringItemSize(string value)
    {
        var code = value.AsSpan();
        if (code.Length > 0 && code[0] is '<' or '>' or '|' or '=')
        {
            code = code[1..];
        }

        var bracket = code.IndexOf('[');
        if (bracket >= 0)
        {
            code = code[..bracket];
        }

        if (code.IsEmpty)
        {
            return null;
        }

        if (code.Length == 1)
        {
            return code[0] switch
            {
                '?' or 'b' or 'B' => 1,
                'h' or 'H' or 'e' => 2,
                'i' or 'I' or 'f' => 4,
                'l' or 'L' or 'q' or 'Q' or 'd' or 'F' or 'O' or 'p' or 'P' or 'M' or 'm' => 8,
                'g' or 'D' => 16,
                'G' => 32,
                _ => null,
            };
        }

        if (!long.TryParse(code[1..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        return code[0] switch
        {
            'b' or 'i' or 'u' or 'f' or 'c' or 'S' or 'a' or 'V' or 'O' or 'M' or 'm' => n,
            'U' => n <= long.MaxValue / 4 ? n * 4 : null,
            _ => null,
        };
    }

    private static long? ShapeCount(PyLiteral shape)
    {
        switch (shape)
        {
            case PyInt i:
                return i.Value >= 0 ? i.Value : null;
            case PySequence { IsTuple: true } t:
                long count = 1;
                foreach (var item in t.Items)
                {
                    if (item is not PyInt { Value: >= 0 } dim)
                    {
                        return null;
                    }

                    count = Multiply(count, dim.Value) ?? -1;
                    if (count < 0)
                    {
                        return null;
                    }
                }

                return count;
            default:
                return null;
        }
    }

    private static long? Multiply(long? a, long? b)
    {
        if (a is null || b is null)
        {
            return null;
        }

        if (a.Value == 0 || b.Value == 0)
        {
            return 0;
        }

        return a.Value > long.MaxValue / b.Value ? null : a.Value * b.Value;
    }
}
