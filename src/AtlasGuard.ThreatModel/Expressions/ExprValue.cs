using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace AtlasGuard.ThreatModel.Expressions;

/// <summary>
/// A value in the rule expression language. Cheap to copy: lists and objects read from a
/// <see cref="JsonNode"/> tree are not copied but read on access.
/// </summary>
public readonly partial struct ExprValue : IEquatable<ExprValue>
{
    private static readonly string[] NoPaths = [];

    private readonly object? _ref;
    private readonly double _number;

    private ExprValue(ExprValueKind kind, double number, object? reference)
    {
        Kind = kind;
        _number = number;
        _ref = reference;
    }

    /// <summary>The kind of this value. <c>default(ExprValue)</c> is Missing with no path.</summary>
    public ExprValueKind Kind { get; }

    /// <summary>An explicit null.</summary>
    public static ExprValue Null => new(ExprValueKind.Null, 0, null);

    /// <summary>The boolean true.</summary>
    public static ExprValue True => new(ExprValueKind.Bool, 1, null);

    /// <summary>The boolean false.</summary>
    public static ExprValue False => new(ExprValueKind.Bool, 0, null);

    /// <summary>True when this value is Missing (unknown).</summary>
    public bool IsMissing => Kind == ExprValueKind.Missing;

    /// <summary>The sorted, distinct paths that made this value unknown; empty unless it is Missing.</summary>
    public IReadOnlyList<string> MissingPaths => Kind == ExprValueKind.Missing ? PathArray : NoPaths;

    internal string[] PathArray => _ref as string[] ?? NoPaths;

    /// <summary>An unknown value caused by one missing path, such as <c>props.output.type</c>.</summary>
    public static ExprValue Missing(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new(ExprValueKind.Missing, 0, new[] { path });
    }

    /// <summary>An unknown value caused by several missing paths (sorted and made distinct here).</summary>
    public static ExprValue Missing(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var sorted = paths.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new(ExprValueKind.Missing, 0, sorted);
    }

    internal static ExprValue MissingSorted(string[] sortedDistinctPaths) => new(ExprValueKind.Missing, 0, sortedDistinctPaths);

    /// <summary>A boolean.</summary>
    public static ExprValue Bool(bool value) => value ? True : False;

    /// <summary>A number.</summary>
    public static ExprValue Number(double value) => new(ExprValueKind.Number, value, null);

    /// <summary>A string.</summary>
    public static ExprValue String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(ExprValueKind.String, 0, value);
    }

    /// <summary>A list. The list is kept, not copied: do not change it afterwards.</summary>
    public static ExprValue List(IReadOnlyList<ExprValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new(ExprValueKind.List, 0, items);
    }

    /// <summary>An object (member name to value). The map is kept, not copied: do not change it afterwards.</summary>
    public static ExprValue Object(IReadOnlyDictionary<string, ExprValue> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return new(ExprValueKind.Object, 0, members);
    }

    /// <summary>An opaque handle, such as a component reference, for host functions to receive back.</summary>
    public static ExprValue Host(object handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return new(ExprValueKind.Host, 0, handle);
    }

    /// <summary>The boolean; throws unless this is a Bool.</summary>
    public bool AsBool() => Kind == ExprValueKind.Bool ? _number != 0 : throw WrongKind(ExprValueKind.Bool);

    /// <summary>The number; throws unless this is a Number.</summary>
    public double AsNumber() => Kind == ExprValueKind.Number ? _number : throw WrongKind(ExprValueKind.Number);

    /// <summary>The string; throws unless this is a String.</summary>
    public string AsString() => Kind == ExprValueKind.String ? (string)_ref! : throw WrongKind(ExprValueKind.String);

    /// <summary>The host handle; throws unless this is a Host value.</summary>
    public object AsHost() => Kind == ExprValueKind.Host ? _ref! : throw WrongKind(ExprValueKind.Host);

    /// <summary>The items; throws unless this is a List. JSON arrays are read lazily.</summary>
    public IReadOnlyList<ExprValue> AsList() => Kind switch
    {
        ExprValueKind.List when _ref is JsonArray array => new JsonListView(array),
            ExprValueKind.List => (IReadOnlyList<ExprValue>)_ref!,
        _ => throw WrongKind(ExprValueKind.List),
    };

    /// <summary>The members; throws unless this is an Object. JSON objects are read lazily.</summary>
    public IReadOnlyDictionary<string, ExprValue> AsObject() => Kind switch
    {
        ExprValueKind.Object when _ref is JsonObject obj => new JsonObjectView(obj),
            ExprValueKind.Object => (IReadOnlyDictionary<string, ExprValue>)_ref!,
        _ => throw WrongKind(ExprValueKind.Object),
    };

    internal int ListCount => _ref is JsonArray array ? array.Count : ((IReadOnlyList<ExprValue>)_ref!).Count;

    internal ExprValue ListItem(int index) =>
        _ref is JsonArray array ? FromJson(array[index]) : ((IReadOnlyList<ExprValue>)_ref!)[index];

    internal int ObjectCount => _ref is JsonObject obj ? obj.Count : ((IReadOnlyDictionary<string, ExprValue>)_ref!).Count;

    internal bool TryGetMember(string name, out ExprValue value)
    {
        if (_ref is JsonObject obj)
        {
            if (obj.TryGetPropertyValue(name, out var node) && !IsUnknownMarker(node))
            {
                value = FromJson(node);
                return true;
            }

            value = default;
            return false;
        }

        return ((IReadOnlyDictionary<string, ExprValue>)_ref!).TryGetValue(name, out value);
    }

    /// <summary>
    /// Whether a JSON member holds the string <c>unknown</c>, which the pipeline format allows for values nobody has
    /// decided yet (business criticality, decision use...). Such a member reads as missing.
    /// </summary>
    internal static bool IsUnknownMarker(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>() == "unknown";

    /// <summary>The lower-case name of a kind, as error messages write it.</summary>
    public static string KindName(ExprValueKind kind) => kind switch
    {
        ExprValueKind.Missing => "missing",
        ExprValueKind.Null => "null",
        ExprValueKind.Bool => "boolean",
        ExprValueKind.Number => "number",
        ExprValueKind.String => "string",
        ExprValueKind.List => "list",
        ExprValueKind.Object => "object",
        _ => "host value",
    };

    /// <summary>
    /// Structural equality for hosts and tests: same kind and same content (lists item by item, objects member by member,
    /// host handles with Equals, Missing by its paths). The language's <c>==</c> is defined separately.
    /// </summary>
    public bool Equals(ExprValue other)
    {
        // Data from a model can nest arbitrarily deep: fail with an exception rather than overflow the stack.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (Kind != other.Kind)
        {
            return false;
        }

        switch (Kind)
        {
            case ExprValueKind.Null:
                return true;
            case ExprValueKind.Bool:
            case ExprValueKind.Number:
                return _number.Equals(other._number);
            case ExprValueKind.String:
                return string.Equals((string)_ref!, (string)other._ref!, StringComparison.Ordinal);
            case ExprValueKind.Missing:
                return PathArray.AsSpan().SequenceEqual(other.PathArray, StringComparer.Ordinal);
            case ExprValueKind.List:
                if (ListCount != other.ListCount)
                {
                    return false;
                }

                for (var i = 0; i < ListCount; i++)
                {
                    if (!ListItem(i).Equals(other.ListItem(i)))
                    {
                        return false;
                    }
                }

                return true;
            case ExprValueKind.Object:
                var mine = AsObject();
                var theirs = other.AsObject();
                return mine.Count == theirs.Count
                    && mine.All(pair => theirs.TryGetValue(pair.Key, out var value) && pair.Value.Equals(value));
            default:
                return _ref!.Equals(other._ref);
        }
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ExprValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Kind switch
    {
        ExprValueKind.Bool or ExprValueKind.Number => HashCode.Combine(Kind, _number),
            ExprValueKind.String => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode((string)_ref!)),
        ExprValueKind.Host => HashCode.Combine(Kind, _ref),
            ExprValueKind.List => HashCode.Combine(Kind, ListCount),
            ExprValueKind.Object => HashCode.Combine(Kind, ObjectCount),
        _ => Kind.GetHashCode(),
    };

    /// <summary>Equality as <see cref="Equals(ExprValue)"/> defines it.</summary>
    public static bool operator ==(ExprValue left, ExprValue right) => left.Equals(right);

    /// <summary>Inequality as <see cref="Equals(ExprValue)"/> defines it.</summary>
    public static bool operator !=(ExprValue left, ExprValue right) => !left.Equals(right);

    /// <summary>The value as the expression language would write it (lists and objects shortened).</summary>
    public override string ToString()
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return Kind switch
        {
            ExprValueKind.Missing => "missing(" + string.Join(", ", PathArray) + ")",
            ExprValueKind.Null => "null",
            ExprValueKind.Bool => _number != 0 ? "true" : "false",
            ExprValueKind.Number => _number.ToString(CultureInfo.InvariantCulture),
            ExprValueKind.String => Quote((string)_ref!),
            ExprValueKind.List => "[" + string.Join(", ", AsList().Take(8)) + (ListCount > 8 ? ", ...]" : "]"),
            ExprValueKind.Object => "{" + string.Join(", ", AsObject().Keys.Take(8)) + (ObjectCount > 8 ? ", ...}" : "}"),
            _ => "host(" + _ref + ")",
        };
    }

    private static string Quote(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private InvalidOperationException WrongKind(ExprValueKind wanted) =>
        new($"The value is a {KindName(Kind)}, not a {KindName(wanted)}.");
}
