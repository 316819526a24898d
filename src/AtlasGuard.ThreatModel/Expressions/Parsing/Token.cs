namespace AtlasGuard.ThreatModel.Expressions.Parsing;

internal enum TokenKind
{
    End,
    Identifier,
    Number,
    String,
    True,
    False,
    Null,
    And,
    Or,
    Not,
    In,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Minus,
    Question,
    Colon,
    Comma,
    Dot,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
}

/// <summary>One token: its kind, where it starts, how long its source text is, and its literal value if any.</summary>
internal readonly record struct Token(TokenKind Kind, int Position, int Length, string? Text = null, double Number = 0)
{
    public int End => Position + Length;
}
