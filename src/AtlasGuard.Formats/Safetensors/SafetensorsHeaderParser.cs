using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace AtlasGuard.Formats.Safetensors;

/// <summary>Walks the JSON header with a bounded <see cref="Utf8JsonReader"/>, collecting entries and problems.</summary>
internal static class SafetensorsHeaderParser
{
    /// <summary>A valid header nests three levels (root, tensor entry, shape); anything much deeper is hostile.</summary>
    public const int MaxDepth = 16;

    /// <summary>Raw text kept of a non-string metadata value, for the detector's benefit.</summary>
    private const int MaxRawValueLength = 64 * 1024;

    public static SafetensorsFile Parse(ReadOnlySpan<byte> header, ulong declared, long? fileLength)
    {
        var problems = new ProblemList();
        var dataStart = 8 + (long)declared;
        long? bufferLength = fileLength is { } l ? l - dataStart : null;
        var result = new SafetensorsFile
        {
            FileLength = fileLength,
            DeclaredHeaderLength = declared,
            DataStart = dataStart,
            BufferLength = bufferLength,
        };

        if (header.IsEmpty || header[0] != (byte)'{')
        {
            problems.Add(SafetensorsProblemKind.InvalidHeaderStart, "The header does not start with '{'.", 8);
        }

        var invalidAt = FirstInvalidUtf8(header);
        if (invalidAt >= 0)
        {
            problems.Add(SafetensorsProblemKind.InvalidUtf8, $"The header is not valid UTF-8 (byte 0x{header[invalidAt]:X2}).",
                8 + invalidAt);
            return result with { Problems = problems.ToImmutable() };
        }

        var (depth, depthAt) = MaxNesting(header);
        if (depth > MaxDepth)
        {
            problems.Add(SafetensorsProblemKind.NestingTooDeep, $"The header nests JSON more than {MaxDepth} levels deep.", 8 + depthAt);
            return result with { Problems = problems.ToImmutable() };
        }

        var tensors = new List<SafetensorsTensor>();
        var tensorIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var metadata = new List<KeyValuePair<string, string>>();
        var options = new JsonReaderOptions { MaxDepth = MaxDepth + 1, CommentHandling = JsonCommentHandling.Disallow };
        var reader = new Utf8JsonReader(header, options);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problems.Add(SafetensorsProblemKind.NotAnObject, "The header is not a JSON object.", 8 + reader.TokenStartIndex);
                reader.Skip();
                reader.Read();
                return result with { Problems = problems.ToImmutable() };
            }

            var keys = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                var at = 8 + reader.TokenStartIndex;
                var duplicate = !keys.Add(name);
                if (duplicate)
                {
                    problems.Add(SafetensorsProblemKind.DuplicateKey, $"The header has the key '{name}' more than once.", at, name);
                }

                reader.Read();
                if (name == "__metadata__")
                {
                    metadata.Clear();
                    ReadMetadata(ref reader, header, metadata, problems, at);
                }
                else if (SafetensorsTensorParser.Read(ref reader, name, at, problems) is { } tensor)
                {
                    // Last one wins, as in Python's json and serde; it keeps the place of the first.
                    if (tensorIndex.TryGetValue(name, out var index))
                    {
                        tensors[index] = tensor;
                    }
                    else
                    {
                        tensorIndex.Add(name, tensors.Count);
                        tensors.Add(tensor);
                    }
                }
            }

            if (reader.Read())
            {
                problems.Add(SafetensorsProblemKind.InvalidJson, "The header has content after its JSON object.",
                    8 + reader.TokenStartIndex);
                return result with { Problems = problems.ToImmutable() };
            }
        }
        catch (JsonException ex)
        {
            problems.Add(SafetensorsProblemKind.InvalidJson, $"The header is not well-formed JSON: {FirstSentence(ex.Message)}",
                8 + reader.BytesConsumed);
            return result with { Problems = problems.ToImmutable() };
        }

        var dataEnd = SafetensorsLayout.Check(tensors, dataStart, bufferLength, problems);
        return result with
        {
            HeaderParsed = true,
            DataEnd = dataEnd,
            Tensors = [.. tensors],
            Metadata = [.. metadata],
            Problems = problems.ToImmutable(),
        };
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, ReadOnlySpan<byte> header, List<KeyValuePair<string, string>> metadata,
        ProblemList problems, long at)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            problems.Add(SafetensorsProblemKind.InvalidMetadata, "__metadata__ is not an object.", at, "__metadata__");
            reader.Skip();
            return;
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            var keyAt = 8 + reader.TokenStartIndex;
            if (index.ContainsKey(key))
            {
                problems.Add(SafetensorsProblemKind.DuplicateKey, $"__metadata__ has the key '{key}' more than once.", keyAt, key);
            }

            reader.Read();
            string value;
            if (reader.TokenType == JsonTokenType.String)
            {
                value = reader.GetString()!;
            }
            else
            {
                problems.Add(SafetensorsProblemKind.InvalidMetadata,
                    $"__metadata__ value of '{key}' is a {reader.TokenType}, not a string.", keyAt, key);
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                value = Encoding.UTF8.GetString(header[start..Math.Min(end, start + MaxRawValueLength)]);
            }

            if (index.TryGetValue(key, out var at2))
            {
                metadata[at2] = new(key, value);
            }
            else
            {
                index.Add(key, metadata.Count);
                metadata.Add(new(key, value));
            }
        }
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            if (bytes[i] < 0x80)
            {
                i++;
                continue;
            }

            if (System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return i;
            }

            i += consumed;
        }

        return -1;
    }

    private static (int Depth, int At) MaxNesting(ReadOnlySpan<byte> bytes)
    {
        int depth = 0, max = 0, at = 0;
        var inString = false;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (inString)
            {
                if (b == (byte)'\\')
                {
                    i++;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }

                continue;
            }

            switch (b)
            {
                case (byte)'"':
                    inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    if (++depth > max)
                    {
                        max = depth;
                        at = i;
                    }

                    break;
                case (byte)'}' or (byte)']':
                    depth--;
                    break;
            }
        }

        return (max, at);
    }

    private static string FirstSentence(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 ? message[..(dot + 1)] : message;
    }
}

/// <summary>A bounded list of problems: a hostile header cannot make the result grow without limit.</summary>
internal sealed class ProblemList
{
    public const int MaxProblems = 200;

    private readonly List<SafetensorsProblem> _items = [];

    public void Add(SafetensorsProblemKind kind, string message, long offset, string? key = null)
    {
        if (_items.Count < MaxProblems)
        {
            _items.Add(new SafetensorsProblem(kind, message, offset, key));
        }
    }

    public ImmutableArray<SafetensorsProblem> ToImmutable() => [.. _items];
}
