using System.Globalization;
using System.Text;

namespace AtlasGuard.Formats.Numpy;

/// <summary>A value of the Python literal subset found in <c>.npy</c> headers.</summary>
internal abstract record PyLiteral
{
    public abstract void Render(StringBuilder builder);

    public override string ToString()
    {
        var builder = new StringBuilder();
        Render(builder);
        return builder.ToString();
    }
}

internal sealed record PyString(string Value) : PyLiteral
{
    public override void Render(StringBuilder builder)
    {
        builder.Append('\'');
        foreach (var c in Value)
        {
            if (c is '\'' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        builder.Append('\'');
    }
}

internal sealed record PyInt(long Value) : PyLiteral
{
    public override void Render(StringBuilder builder) => builder.Append(Value.ToString(CultureInfo.InvariantCulture));
}

internal sealed record PyBool(bool Value) : PyLiteral
{
    public override void Render(StringBuilder builder) => builder.Append(Value ? "True" : "False");
}

internal sealed record PyNone : PyLiteral
{
    public static PyNone Instance { get; } = new();

    public override void Render(StringBuilder builder) => builder.Append("None");
}

internal sealed record PySequence(bool IsTuple, IReadOnlyList<PyLiteral> Items) : PyLiteral
{
    public override void Render(StringBuilder builder)
    {
        builder.Append(IsTuple ? '(' : '[');
        for (var i = 0; i < Items.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            Items[i].Render(builder);
        }

        if (IsTuple && Items.Count == 1)
        {
            builder.Append(',');
        }

        builder.Append(IsTuple ? ')' : ']');
    }
}

internal sealed record PyDict(IReadOnlyList<KeyValuePair<PyLiteral, PyLiteral>> Items) : PyLiteral
{
    public override void Render(StringBuilder builder)
    {
        builder.Append('{');
        for (var i = 0; i < Items.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            Items[i].Key.Render(builder);
            builder.Append(": ");
            Items[i].Value.Render(builder);
        }

        builder.Append('}');
    }
}
