using System.Globalization;
using System.Text.Json.Nodes;
using AtlasGuard.ThreatModel.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>
/// Reads one YAML document into a <see cref="JsonNode"/> tree and a <see cref="SourceMap"/>, within
/// <see cref="LoadLimits"/>. Plain scalars get YAML 1.2 core-schema types (null, booleans, integers, floats);
/// quoted and block scalars stay strings. Anchors and aliases are expanded, and every expanded node counts
/// against the node limit before it is copied, so an alias bomb stops at the limit.
/// </summary>
internal sealed class YamlTreeReader
{
    private readonly string _file;
    private readonly LoadLimits _limits;
    private readonly List<ThreatModelDiagnostic> _diagnostics;
    private readonly Dictionary<string, (JsonNode? Node, int Count)> _anchors = new(StringComparer.Ordinal);
    private IParser _parser = null!;
    private int _nodes;
    private SourcePosition _last = new(1, 1);

    private YamlTreeReader(string file, LoadLimits limits, List<ThreatModelDiagnostic> diagnostics)
    {
        _file = file;
        _limits = limits;
        _diagnostics = diagnostics;
    }

    public SourceMap Map { get; } = new();

    /// <summary>The root, or null with at least one error in <paramref name="diagnostics"/>.</summary>
    public static (JsonNode? Root, SourceMap Map) Read(string text, string file, LoadLimits limits, List<ThreatModelDiagnostic> diagnostics)
    {
        var reader = new YamlTreeReader(file, limits, diagnostics);
        try
        {
            var root = reader.ReadDocument(text);
            return (root, reader.Map);
        }
        catch (LimitExceededException e)
        {
            diagnostics.Add(e.Diagnostic);
        }
        catch (YamlException e)
        {
            var at = new SourcePosition((int)Math.Min(e.Start.Line, int.MaxValue), (int)Math.Min(e.Start.Column, int.MaxValue));
            diagnostics.Add(ThreatModelDiagnostic.Error(file, at, DiagnosticCodes.YamlSyntax, "YAML syntax error: " + Describe(e),
                "Check indentation and quoting around this position."));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws these for some malformed streams (an unclosed flow sequence, for one)
            // instead of a YamlException; they are syntax errors all the same.
            diagnostics.Add(ThreatModelDiagnostic.Error(file, reader._last, DiagnosticCodes.YamlSyntax, "YAML syntax error after this position.",
                "Look for an unclosed '[' or '{', or a quote that does not end."));
        }

        return (null, reader.Map);
    }

    private JsonNode? ReadDocument(string text)
    {
        _parser = new Parser(new StringReader(text));
        _parser.Consume<StreamStart>();
        if (_parser.Accept<StreamEnd>(out var end))
        {
            AddError(end.Start, DiagnosticCodes.NotAMapping, "The document is empty.", "Start with apiVersion and kind.");
            return null;
        }

        _parser.Consume<DocumentStart>();
        var root = ReadNode("", 0);
        _parser.Consume<DocumentEnd>();
        if (!_parser.Accept<StreamEnd>(out _))
        {
            AddError(_parser.Current!.Start, DiagnosticCodes.UnsupportedYaml, "The file holds more than one YAML document.",
                "Put each model or profiles file in a file of its own, without a second '---'.");
            return null;
        }

        return root;
    }

    private JsonNode? ReadNode(string pointer, int depth)
    {
        var current = _parser.Current ?? throw new YamlException("Unexpected end of input.");
        if (depth > _limits.MaxDepth)
        {
            throw new LimitExceededException(ThreatModelDiagnostic.Error(_file, At(current.Start), DiagnosticCodes.TooDeep,
                $"The document nests deeper than {_limits.MaxDepth} levels.", "Threat-model documents need only a few levels; flatten the structure."));
        }

        if (current is AnchorAlias alias)
        {
            _parser.MoveNext();
            return Expand(alias, pointer);
        }

        Count(current.Start);
        _last = At(current.Start);
        Map.SetValue(pointer, _last);
        var (node, anchor) = current switch
        {
            Scalar scalar => (ReadScalar(), scalar.Anchor),
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

    private JsonNode? ReadScalar()
    {
        var scalar = _parser.Consume<Scalar>();
        return ScalarTyping.ToNode(scalar);
    }

    private JsonArray ReadSequence(string pointer, int depth)
    {
        _parser.Consume<SequenceStart>();
        var array = new JsonArray();
        while (!_parser.TryConsume<SequenceEnd>(out _))
        {
            array.Add(ReadNode(SourceMap.Child(pointer, array.Count), depth + 1));
        }

        return array;
    }

    private JsonObject ReadMapping(string pointer, int depth)
    {
        _parser.Consume<MappingStart>();
        var obj = new JsonObject();
        var keyLines = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = _parser.Current!;
            if (keyEvent is not Scalar keyScalar)
            {
                AddError(keyEvent.Start, DiagnosticCodes.UnsupportedYaml, "Only plain text keys are allowed.",
                    "Complex keys ('? ...') and alias keys are not part of the format.");
                ReadNode(pointer + "/?", depth + 1);
                ReadNode(pointer + "/?", depth + 1);
                continue;
            }

            _parser.MoveNext();
            Count(keyScalar.Start);
            var key = keyScalar.Value;
            var memberPointer = SourceMap.Child(pointer, key);
            if (key == "<<" && keyScalar.Style == ScalarStyle.Plain)
            {
                AddError(keyScalar.Start, DiagnosticCodes.UnsupportedYaml, "Merge keys ('<<') are not supported.",
                    "Write the properties out, or use an anchor for the whole value.");
                ReadNode(memberPointer, depth + 1);
                continue;
            }

            if (keyLines.TryGetValue(key, out var first))
            {
                AddError(keyScalar.Start, DiagnosticCodes.DuplicateKey, $"The key '{key}' appears twice in this mapping.",
                    $"The first '{key}' is on line {first.Line}; remove one of them.");
                ReadNode(pointer + "/?", depth + 1);
                continue;
            }

            keyLines[key] = At(keyScalar.Start);
            Map.SetKey(memberPointer, At(keyScalar.Start));
            obj[key] = ReadNode(memberPointer, depth + 1);
        }

        return obj;
    }

    private JsonNode? Expand(AnchorAlias alias, string pointer)
    {
        if (!_anchors.TryGetValue(alias.Value.Value, out var entry))
        {
            AddError(alias.Start, DiagnosticCodes.UnsupportedYaml, $"The alias '*{alias.Value.Value}' names no anchor defined before it.", null);
            return null;
        }

        if (entry.Count > _limits.MaxNodes - _nodes)
        {
            throw new LimitExceededException(TooMany(alias.Start));
        }

        _nodes += entry.Count;
        var copy = entry.Node?.DeepClone();
        MapCopy(copy, pointer, At(alias.Start));
        return copy;
    }

    private void MapCopy(JsonNode? node, string pointer, SourcePosition at)
    {
        Map.SetValue(pointer, at);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Map.SetKey(SourceMap.Child(pointer, key), at);
                    MapCopy(value, SourceMap.Child(pointer, key), at);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    MapCopy(array[i], SourceMap.Child(pointer, i), at);
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
        if (++_nodes > _limits.MaxNodes)
        {
            throw new LimitExceededException(TooMany(at));
        }
    }

    private ThreatModelDiagnostic TooMany(Mark at) => ThreatModelDiagnostic.Error(_file, At(at), DiagnosticCodes.TooManyNodes,
        $"The document has more than {_limits.MaxNodes.ToString("N0", CultureInfo.InvariantCulture)} nodes once aliases are expanded.",
        "An alias that repeats other aliases grows exponentially (a 'billion laughs' document); write the values out.");

    private void AddError(Mark at, string code, string message, string? hint) =>
        _diagnostics.Add(ThreatModelDiagnostic.Error(_file, At(at), code, message, hint));

    private static SourcePosition At(Mark mark) =>
        new((int)Math.Min(mark.Line, int.MaxValue), (int)Math.Min(mark.Column, int.MaxValue));

    private static string Describe(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && close > 0 ? message[(close + 3)..] : message;
    }

    private sealed class LimitExceededException(ThreatModelDiagnostic diagnostic) : Exception(diagnostic.Message)
    {
        public ThreatModelDiagnostic Diagnostic { get; } = diagnostic;
    }
}
