namespace AtlasGuard.ThreatModel.Expressions;

/// <summary>The kinds of value an expression works with.</summary>
public enum ExprValueKind : byte
{
    /// <summary>Unknown: the model lacks information the expression needs. Carries the missing paths.</summary>
    Missing,

    /// <summary>An explicit null, for example a YAML <c>~</c> or an empty key.</summary>
    Null,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Bool,

    /// <summary>A number, held as a double.</summary>
    Number,

    /// <summary>A string.</summary>
    String,

    /// <summary>A read-only list of values.</summary>
    List,

    /// <summary>A read-only map from member names to values.</summary>
    Object,

    /// <summary>An opaque handle that the host passes around, compared with <see cref="object.Equals(object)"/>.</summary>
    Host,
}
