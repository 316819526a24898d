using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>
/// Turns one JsonSchema.Net error (instance location, evaluation path, keyword, message) into a diagnostic with
/// our code, a plain message and a hint. The schema node behind an error is found by walking the evaluation path
/// through the schema, following each <c>$ref</c>; its <c>enum</c>, <c>properties</c> and <c>description</c> give the hint.
/// </summary>
internal sealed class SchemaErrorTranslator(JsonNode root, SourceMap map, string file)
{
    public ThreatModelDiagnostic Translate(string pointer, string evaluationPath, JsonNode schemaRoot, string keyword, string message)
    {
        var segments = Segments(evaluationPath);
        return keyword switch
        {
            "" when evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal) =>
                UnknownProperty(pointer, Walk(schemaRoot, segments[..^1])),
            "required" => Missing(pointer, Walk(schemaRoot, segments)),
            "enum" => NotAllowed(pointer, Walk(schemaRoot, segments)),
            "const" => WrongConst(pointer, Walk(schemaRoot, segments)),
            "type" => WrongType(pointer, message),
            _ => Constraint(pointer, Walk(schemaRoot, segments), message),
        };
    }

    /// <summary>For a failure the validator gave no reason for.</summary>
    public ThreatModelDiagnostic Unexplained(string pointer) =>
        ThreatModelDiagnostic.Error(file, map.ValueAt(pointer), DiagnosticCodes.ConstraintViolated, "This part does not match the schema.", null);

    private ThreatModelDiagnostic UnknownProperty(string pointer, JsonNode? schema)
    {
        var name = SourceMap.LastSegment(pointer);
        var allowed = (schema?["properties"] as JsonObject)?.Select(p => p.Key).ToList() ?? [];
        var where = ComponentTypeAt(SourceMap.Parent(pointer)) is { } type ? $" in the props of type {type}" : "";
        var hint = name == "<<" ? null : Suggestions.DidYouMean(name, allowed) ?? (allowed.Count > 0 ? "Allowed here: " + Suggestions.List(allowed) + "." : null);
        return ThreatModelDiagnostic.Error(file, map.KeyAt(pointer), DiagnosticCodes.UnknownProperty, $"Unknown property '{name}'{where}.", hint);
    }

    private ThreatModelDiagnostic Missing(string pointer, JsonNode? schema)
    {
        var present = Resolve(pointer) as JsonObject;
        var names = (schema?["required"] as JsonArray)?.Select(n => n?.GetValue<string>() ?? "")
            .Where(n => present is null || !present.ContainsKey(n)).ToList() ?? [];
        var code = pointer.Length == 0 && names.Any(n => n is "apiVersion" or "kind") ? DiagnosticCodes.WrongKind : DiagnosticCodes.MissingProperty;
        var first = names.FirstOrDefault() ?? "?";
        var plural = names.Count > 1 ? "properties" : "property";
        var quoted = string.Join(", ", names.Select(n => $"'{n}'"));
        var values = EnumValues(schema?["properties"]?[first]);
        var hint = code == DiagnosticCodes.WrongKind
            ? $"Start the document with 'apiVersion: {ThreatModelSchema.ApiVersion}' and 'kind: PipelineModel' (or AttackerProfiles)."
            : values.Count > 0 ? $"Add '{first}:', one of: {Suggestions.List(values)}." : $"Add '{first}:' to this mapping.";
        return ThreatModelDiagnostic.Error(file, map.ValueAt(pointer), code, $"Missing required {plural} {quoted}.", hint);
    }

    private ThreatModelDiagnostic NotAllowed(string pointer, JsonNode? schema)
    {
        var value = Text(Resolve(pointer));
        var allowed = EnumValues(schema);
        var isPhase = ReferenceEquals(schema, ThreatModelSchema.Node["$defs"]?["phase"]);
        var code = pointer == "/kind" ? DiagnosticCodes.WrongKind : DiagnosticCodes.NotAllowedValue;
        var hint = isPhase && Suggestions.PhaseFor(value) is { } phase ? $"AtlasGuard's phase for '{value}' is '{phase}'."
            : Suggestions.AliasFor(value, allowed) is { } ours ? $"AtlasGuard calls this '{ours}'."
            : Suggestions.DidYouMean(value, allowed) ?? "Allowed: " + Suggestions.List(allowed) + ".";
        var what = isPhase ? "a phase" : $"an allowed value for '{SourceMap.LastSegment(pointer)}'";
        return ThreatModelDiagnostic.Error(file, map.ValueAt(pointer), code, $"'{value}' is not {what}.", hint);
    }

    private ThreatModelDiagnostic WrongConst(string pointer, JsonNode? schema)
    {
        var expected = Text(schema?["const"]);
        var value = Text(Resolve(pointer));
        return ThreatModelDiagnostic.Error(file, map.ValueAt(pointer), DiagnosticCodes.WrongKind,
            $"'{value}' is not supported here; this version reads '{expected}'.", $"Write '{SourceMap.LastSegment(pointer)}: {expected}'.");
    }

    private ThreatModelDiagnostic WrongType(string pointer, string message)
    {
        var node = Resolve(pointer);
        var actual = node?.GetValueKind() ?? JsonValueKind.Null;
        var expected = message.Contains("should be \"string\"", StringComparison.Ordinal) ? "a string"
            : message.Contains("should be \"boolean\"", StringComparison.Ordinal) ? "true or false"
            : message.Contains("should be \"integer\"", StringComparison.Ordinal) ? "a whole number"
            : message.Contains("should be \"number\"", StringComparison.Ordinal) ? "a number"
            : message.Contains("should be \"array\"", StringComparison.Ordinal) ? "a list"
            : message.Contains("should be \"object\"", StringComparison.Ordinal) ? "a mapping" : "another type";
        var text = Text(node);
        string? hint = expected switch
        {
            "a string" when actual is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False =>
                $"YAML reads {text} as a {(actual == JsonValueKind.Number ? "number" : "boolean")}; put it in quotes: \"{text}\".",
            "true or false" when text is "yes" or "no" or "on" or "off" or "y" or "n" => "Write true or false; yes/no/on/off are strings in YAML 1.2.",
            "a whole number" or "a number" when actual == JsonValueKind.String => "Remove the quotes.",
            "a list" when actual is not JsonValueKind.Null => $"Write a list, e.g. [{text}].",
            _ => null,
        };
        var shown = actual == JsonValueKind.Null ? "nothing" : $"'{text}'";
        return ThreatModelDiagnostic.Error(file, map.ValueAt(pointer), DiagnosticCodes.WrongType,
            $"'{SourceMap.LastSegment(pointer)}' must be {expected}, not {shown}.", hint);
    }

    private ThreatModelDiagnostic Constraint(string pointer, JsonNode? schema, string message) =>
        ThreatModelDiagnostic.Error(file, map.ValueAt(pointer), DiagnosticCodes.ConstraintViolated,
            $"'{SourceMap.LastSegment(pointer)}': {message.TrimEnd('.')}.", schema?["description"]?.GetValue<string>());

    private string? ComponentTypeAt(string propsPointer)
    {
        if (!propsPointer.StartsWith("/components/", StringComparison.Ordinal) || !propsPointer.EndsWith("/props", StringComparison.Ordinal))
        {
            return null;
        }

        return Resolve(SourceMap.Parent(propsPointer))?["type"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    private JsonNode? Resolve(string pointer)
    {
        var node = root;
        foreach (var segment in Segments(pointer))
        {
            node = Step(node, segment);
        }

        return node;
    }

    /// <summary>The schema node an evaluation path leads to; every <c>$ref</c> is into the published schema's $defs.</summary>
    private static JsonNode? Walk(JsonNode start, IEnumerable<string> segments)
    {
        var schema = ThreatModelSchema.Node;
        var node = start;
        foreach (var segment in segments)
        {
            node = segment == "$ref" && node?["$ref"] is JsonValue target ? Resolve(schema, target.GetValue<string>()) : Step(node, segment);
        }

        return node;
    }

    private static JsonNode? Resolve(JsonNode schema, string reference)
    {
        JsonNode? node = schema;
        foreach (var segment in Segments(reference.TrimStart('#')))
        {
            node = Step(node, segment);
        }

        return node;
    }

    private static JsonNode? Step(JsonNode? node, string segment) => node switch
    {
        JsonObject obj => obj[segment],
        JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
        _ => null,
    };

    private static string[] Segments(string pointer) => pointer.Length == 0
        ? []
        : [.. pointer.TrimStart('/').Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];

    private static List<string> EnumValues(JsonNode? schema)
    {
        if (schema?["$ref"] is JsonValue target)
        {
            schema = Resolve(ThreatModelSchema.Node, target.GetValue<string>());
        }

        return (schema?["enum"] as JsonArray)?.Select(Text).ToList() ?? [];
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
