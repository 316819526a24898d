namespace AtlasGuard.Formats.Templates;

/// <summary>The kinds of token inside a Jinja code block.</summary>
internal enum TemplateTokenKind
{
    Name,
    String,
    Number,
    Operator,
    BlockStart,
    BlockEnd,
}

/// <summary>A token inside a <c>{{ }}</c> or <c>{% %}</c> block. For strings, <see cref="Value"/> is the decoded text.</summary>
internal readonly record struct TemplateToken(TemplateTokenKind Kind, string Text, string Value, int Offset, bool HasIdentifierEscape = false);
