namespace AtlasGuard.Formats.Templates;

/// <summary>How dangerous a template construct is.</summary>
public enum TemplateRisk
{
    /// <summary>Never needed by a chat template and typical of probing, but not an escape on its own.</summary>
    Suspicious = 0,

    /// <summary>A construct that reaches Python internals from inside the template: a sandbox escape when rendered without a sandbox.</summary>
    Escape = 1,
}

/// <summary>What a reported template construct is.</summary>
public enum TemplateConstructKind
{
    /// <summary>Attribute access to a double-underscore name (<c>x.__class__</c>).</summary>
    DunderAttribute = 0,

    /// <summary>A string literal that names a double-underscore attribute (<c>x['__globals__']</c>, <c>|attr('__class__')</c>).</summary>
    DunderString,

    /// <summary>A double-underscore name assembled from pieces (<c>'__cla' ~ 'ss__'</c>, <c>|join</c>, <c>|reverse</c>).</summary>
    ConstructedName,

    /// <summary>An escaped character in a string literal that spells an identifier character (<c>\x5f</c> for <c>_</c>).</summary>
    EscapedIdentifierCharacter,

    /// <summary>Attribute access to something that runs commands or reaches Python internals (<c>.popen</c>, <c>.system</c>, <c>_TemplateReference__context</c>).</summary>
    DangerousAttribute,

    /// <summary>A global that SSTI payloads use as a stepping stone (<c>cycler</c>, <c>joiner</c>, <c>lipsum</c>, <c>self</c>, <c>config</c>, <c>request</c>).</summary>
    GadgetGlobal,

    /// <summary>A call to a Python builtin a template has no access to (<c>eval(</c>, <c>open(</c>, <c>__import__(</c>).</summary>
    DangerousCall,

    /// <summary>The <c>attr</c> filter, which reads attributes by computed name.</summary>
    AttrFilter,

    /// <summary>A statement that loads other templates (<c>import</c>, <c>include</c>, <c>extends</c>, <c>from</c>).</summary>
    TemplateLoading,

    /// <summary>Character codes of <c>_</c> formatted into a string (<c>'%c'|format(95)</c>).</summary>
    CharacterCodeFormatting,
}

/// <summary>One dangerous construct found in a template.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Risk">How dangerous it is.</param>
/// <param name="Name">The name involved, e.g. <c>__globals__</c> or <c>popen</c>.</param>
/// <param name="Offset">Character offset in the template.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Excerpt">A short printable excerpt of the code around it.</param>
public sealed record TemplateConstruct(TemplateConstructKind Kind, TemplateRisk Risk, string Name, int Offset, int Line, string Excerpt);
