using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AtlasGuard.Formats.Yaml;

/// <summary>
/// Reads YAML into <see cref="JsonNode"/> trees with a <see cref="YamlSourceMap"/>, within
/// <see cref="YamlReadOptions"/>. Plain scalars get YAML 1.2 core-schema types (null, booleans, integers, floats);
/// quoted and block scalars stay strings. Anchors and aliases are expanded, and every expanded node counts against
/// the node limit before it is copied, so an alias bomb stops at the limit. Nothing is ever constructed from tags.
/// </summary>
public sealed class YamlTreeReader
{
    private readonly YamlReadOptions _options;
    private readonly List<YamlProblem> _problems = [];
    private readonly Dictionary<string, (JsonNode? Node, int Count)> _anchors = new(StringComparer.Ordinal);
    private readonly YamlSourceMap _map = new();
    private IParser _parser = null!;
    private int _nodes;
    private YamlMark _last = new(1, 1);

    private YamlTreeReader(YamlReadOptions options) => _options = options;

    /// <summary>Reads a text that must hold exactly one document.</summary>
    public static YamlDocument Read(string text, YamlReadOptions? options = null) => Read(text, options ?? YamlReadOptions.Default, 0, single: true);

    /// <summary>
    /// Reads every document of a stream. Blank documents (only comments or directives) are skipped; a document that
    /// cannot be read is returned with its problems and the others are still read. Past
    /// <see cref="YamlReadOptions.MaxDocuments"/> the last entry is a failed document saying so.
    /// </summary>
    public static IReadOnlyList<YamlDocument> ReadAll(string text, YamlReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= YamlReadOptions.Default;
        var docs = new List<YamlDocument>();
        foreach (var (body, offset) in YamlStreamSplitter.Split(text))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (YamlStreamSplitter.IsBlank(body))
            {
                continue;
            }

            if (docs.Count >= options.MaxDocuments)
            {
                var problem = new YamlProblem(YamlProblemKind.TooManyDocuments, new YamlMark(1, 1),
                    $"More than {options.MaxDocuments.ToString("N0", CultureInfo.InvariantCulture)} YAML documents; the rest were not read.", null, Fatal: true);
                docs.Add(new YamlDocument(null, false, new YamlSourceMap(), [problem], offset));
                break;
            }

            docs.Add(Read(body, options, offset, single: false));
        }

        return docs;
    }

    private static YamlDocument Read(string text, YamlReadOptions options, int lineOffset, bool single)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new YamlTreeReader(options);
        JsonNode? root = null;
        var hasRoot = false;
        try
        {
            (root, hasRoot) = reader.ReadDocument(text, single);
        }
        catch (LimitExceededException e)
        {
            reader._problems.Add(e.Problem);
        }
        catch (YamlException e)
        {
            reader.Fail(YamlProblemKind.Syntax, YamlMark.From(e.Start), "YAML syntax error: " + Describe(e), "Check indentation and quoting around this position.");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws these for some malformed streams (an unclosed flow sequence, for one)
            // instead of a YamlException; they are syntax errors all the same.
            reader.Fail(YamlProblemKind.Syntax, reader._last, "YAML syntax error after this position.", "Look for an unclosed '[' or '{', or a quote that does not end.");
        }

        var failed = reader._problems.Any(p => p.Fatal);
        return new YamlDocument(failed ? null : root, hasRoot && !failed, reader._map, reader._problems, lineOffset);
    }

    private (JsonNode? Root, bool HasRoot) ReadDocument(string text, bool single)
    {
        _parser = new Parser(new StringReader(text));
        _parser.Consume<StreamStart>();
        if (_parser.Accept<StreamEnd>(out var end))
        {
            Fail(YamlProblemKind.Empty, YamlMark.From(end.Start), "The document is empty.", null);
            return (null, false);
        }

        _parser.Consume<DocumentStart>();
        var root = ReadNode("", 0);
        _parser.Consume<DocumentEnd>();
        if (single && !_parser.Accept<StreamEnd>(out _))
        {
            Fail(YamlProblemKind.MultipleDocuments, YamlMark.From(_parser.Current!.Start), "The file holds more than one YAML document.", null);
            return (null, false);
        }

        return (root, true);
    }

    private JsonNode? ReadNode(string pointer, int depth)
    {
        var current = _parser.Current ?? throw new YamlException("Unexpected end of input.");
        if (depth > _options.MaxDepth)
        {
            throw new LimitExceededException(new YamlProblem(YamlProblemKind.TooDeep, YamlMark.From(current.Start),
                $"The document nests deeper than {_options.MaxDepth} levels.", null, Fatal: true));
        }

        if (current is AnchorAlias alias)
        {
            _parser.MoveNext();
            return Expand(alias, pointer);
        }

        Count(current.Start);
        _last = YamlMark.From(current.Start);
        _map.SetValue(pointer, _last);
        if (current is Scalar { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted })
        {
            _map.SetQuoted(pointer);
        }
        var (node, anchor) = current switch
        {
            Scalar scalar => (YamlScalarTyping.ToNode(_parser.Consume<Scalar>()), scalar.Anchor),
            SequenceStart start => (ReadSequence(pointer, depth), start.Anchor),
            MappingStart start => (ReadMapping(pointer, depth), start.Anchor),
            _ => throw new YamlException(current.Start, current.End, "Unexpected " + current.GetType().Name + "."),
        };

        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = (node, CountNodes(node));
        }

        return node;
    }

    private JsonArray ReadSequence(string pointer, int depth)
    {
        _parser.Consume<SequenceStart>();
        var array = new JsonArray();
        while (!_parser.TryConsume<SequenceEnd>(out _))
        {
            array.Add(ReadNode(YamlSourceMap.Child(pointer, array.Count), depth + 1));
        }

        return array;
    }

    private JsonObject ReadMapping(string pointer, int depth)
    {
        _parser.Consume<MappingStart>();
        var obj = new JsonObject();
        var keyLines = new Dictionary<string, YamlMark>(StringComparer.Ordinal);
        List<(JsonNode? Node, YamlMark At)>? merges = null;
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = _parser.Current!;
            if (keyEvent is not Scalar keyScalar)
            {
                Note(YamlProblemKind.Unsupported, keyEvent.Start, "Only plain text keys are allowed.", "Complex keys ('? ...') and alias keys are not supported.");
                ReadNode(pointer + "/?", depth + 1);
                ReadNode(pointer + "/?", depth + 1);
                continue;
            }

            _parser.MoveNext();
            Count(keyScalar.Start);
            var key = keyScalar.Value;
            var memberPointer = YamlSourceMap.Child(pointer, key);
            if (key == "<<" && keyScalar.Style == ScalarStyle.Plain)
            {
                var merged = ReadNode(memberPointer, depth + 1);
                if (_options.ExpandMergeKeys)
                {
                    (merges ??= []).Add((merged, YamlMark.From(keyScalar.Start)));
                }
                else
                {
                    Note(YamlProblemKind.Unsupported, keyScalar.Start, "Merge keys ('<<') are not supported.", "Write the properties out, or use an anchor for the whole value.");
                }

                continue;
            }

            if (keyLines.TryGetValue(key, out var first))
            {
                Note(YamlProblemKind.DuplicateKey, keyScalar.Start, $"The key '{key}' appears twice in this mapping.", $"The first '{key}' is on line {first.Line}; remove one of them.");
                ReadNode(pointer + "/?", depth + 1);
                continue;
            }

            keyLines[key] = YamlMark.From(keyScalar.Start);
            _map.SetKey(memberPointer, keyLines[key]);
            obj[key] = ReadNode(memberPointer, depth + 1);
        }

        if (merges is not null)
        {
            ApplyMerges(obj, pointer, merges);
        }

        return obj;
    }

    /// <summary>Copies members of merged mappings that the mapping does not set; earlier merges win over later ones.</summary>
    private void ApplyMerges(JsonObject obj, string pointer, List<(JsonNode? Node, YamlMark At)> merges)
    {
        foreach (var (merged, at) in merges)
        {
            IEnumerable<JsonNode?> sources = merged is JsonArray list ? list : [merged];
            foreach (var source in sources)
            {
                if (source is not JsonObject map)
                {
                    continue;
                }

                foreach (var (key, value) in map)
                {
                    if (obj.ContainsKey(key))
                    {
                        continue;
                    }

                    var count = CountNodes(value);
                    if (count > _options.MaxNodes - _nodes)
                    {
                        throw new LimitExceededException(TooMany(at));
                    }

                    _nodes += count;
                    var copy = value?.DeepClone();
                    _map.SetKey(YamlSourceMap.Child(pointer, key), at);
                    MapCopy(copy, YamlSourceMap.Child(pointer, key), at);
                    obj[key] = copy;
                }
            }
        }
    }

    private JsonNode? Expand(AnchorAlias alias, string pointer)
    {
        if (!_anchors.TryGetValue(alias.Value.Value, out var entry))
        {
            Note(YamlProblemKind.Unsupported, alias.Start, $"The alias '*{alias.Value.Value}' names no anchor defined before it.", null);
            return null;
        }

        if (entry.Count > _options.MaxNodes - _nodes)
        {
            throw new LimitExceededException(TooMany(YamlMark.From(alias.Start)));
        }

        _nodes += entry.Count;
        var copy = entry.Node?.DeepClone();
        MapCopy(copy, pointer, YamlMark.From(alias.Start));
        return copy;
    }

    private void MapCopy(JsonNode? node, string pointer, YamlMark at)
    {
        _map.SetValue(pointer, at);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    _map.SetKey(YamlSourceMap.Child(pointer, key), at);
                    MapCopy(value, YamlSourceMap.Child(pointer, key), at);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    MapCopy(array[i], YamlSourceMap.Child(pointer, i), at);
                }

                break;
        }
    }

    private static int CountNodes(JsonNode? node) => node switch
    {
        JsonObject obj => 1 + obj.Sum(p => 1 + CountNodes(p.Value)),
        JsonArray array => 1 + array.Sum(CountNodes),
        _ => 1,
    };

    private void Count(Mark at)
    {
        if (++_nodes > _options.MaxNodes)
        {
            throw new LimitExceededException(TooMany(YamlMark.From(at)));
        }
    }

    private YamlProblem TooMany(YamlMark at) => new(YamlProblemKind.TooManyNodes, at,
        $"The document has more than {_options.MaxNodes.ToString("N0", CultureInfo.InvariantCulture)} nodes once aliases are expanded.",
        "An alias that repeats other aliases grows exponentially (a 'billion laughs' document); write the values out.", Fatal: true);

    private void Note(YamlProblemKind kind, Mark at, string message, string? hint) =>
        _problems.Add(new YamlProblem(kind, YamlMark.From(at), message, hint, Fatal: false));

    private void Fail(YamlProblemKind kind, YamlMark at, string message, string? hint) =>
        _problems.Add(new YamlProblem(kind, at, message, hint, Fatal: true));

    private static string Describe(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && close > 0 ? message[(close + 3)..] : message;
    }

    private sealed class LimitExceededException(YamlProblem problem) : Exception(problem.Message)
    {
        public YamlProblem Problem { get; } = problem;
    }
}
