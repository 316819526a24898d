using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AtlasGuard.ThreatModel.Expressions;

public readonly partial struct ExprValue
{
    /// <summary>
    /// Wraps a JSON node without copying it: objects and arrays are read member by member when an expression reaches
    /// them. A C# null (an explicit JSON or YAML null) becomes <see cref="Null"/>. The tree must not change while
    /// expressions read it.
    /// </summary>
    public static ExprValue FromJson(JsonNode? node) => node switch
    {
        null => Null,
        JsonObject obj => new(ExprValueKind.Object, 0, obj),
        JsonArray array => new(ExprValueKind.List, 0, array),
        JsonValue value => FromJsonValue(value),
        _ => throw new ArgumentException($"Unsupported JSON node {node.GetType().Name}.", nameof(node)),
    };

    private static ExprValue FromJsonValue(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return String(value.GetValue<string>());
            case JsonValueKind.True:
                return True;
            case JsonValueKind.False:
                return False;
            case JsonValueKind.Null:
                return Null;
            case JsonValueKind.Number:
                return Number(ReadNumber(value));
            default:
                throw new ArgumentException($"Unsupported JSON value kind {value.GetValueKind()}.", nameof(value));
        }
    }

    private static double ReadNumber(JsonValue value)
    {
        if (value.TryGetValue<double>(out var number))
        {
            return number;
        }

        if (value.TryGetValue<long>(out var integer))
        {
            return integer;
        }

        if (value.TryGetValue<decimal>(out var exact))
        {
            return (double)exact;
        }

        // A value created from another numeric CLR type: its JSON text is the invariant form.
        return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
