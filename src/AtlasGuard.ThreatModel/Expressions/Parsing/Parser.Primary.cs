using AtlasGuard.ThreatModel.Expressions.Nodes;

namespace AtlasGuard.ThreatModel.Expressions.Parsing;

/// <summary>Primaries, postfix chains and the parser's helpers.</summary>
internal sealed partial class Parser
{
    private Node ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new LiteralNode(token.Position, token.End, ExprValue.Number(token.Number));
            case TokenKind.String:
                Advance();
                return new LiteralNode(token.Position, token.End, ExprValue.String(token.Text!));
            case TokenKind.True or TokenKind.False:
                Advance();
                return new LiteralNode(token.Position, token.End, ExprValue.Bool(token.Kind == TokenKind.True));
            case TokenKind.Null:
                Advance();
                return new LiteralNode(token.Position, token.End, ExprValue.Null);
            case TokenKind.Identifier:
                Advance();
                return Current.Kind == TokenKind.LeftParen
                    ? ParseCall(token)
                    : new IdentifierNode(token.Position, token.End, token.Text!);
            case TokenKind.LeftBracket:
                return ParseList();
            case TokenKind.LeftParen:
                Advance();
                Enter(token);
                var inner = ParseConditional();
                if (Current.Kind != TokenKind.RightParen)
                {
                    throw Current.Kind == TokenKind.End
                        ? Error(token.Position, "'(' is never closed.", "add ')'")
                        : Error(Current.Position, $"Expected ')' to close the '(' at position {token.Position}, found {Describe(Current)}.");
                }

                Advance();
                _depth--;
                return inner;
            case TokenKind.End:
                throw Error(token.Position, "The expression ends where a value was expected.");
            default:
                throw Error(token.Position, $"Expected a value, found {Describe(token)}.");
        }
    }

    /// <summary>Member access and indexing after a primary. Calls are only on bare names, handled in the primary.</summary>
    private Node ParsePostfix(Node node)
    {
        while (true)
        {
            var token = Current;
            if (token.Kind == TokenKind.Dot)
            {
                Advance();
                var name = Current;
                if (name.Kind is not (TokenKind.Identifier or TokenKind.True or TokenKind.False or TokenKind.Null
                    or TokenKind.And or TokenKind.Or or TokenKind.Not or TokenKind.In))
                {
                    throw Error(name.Position, $"Expected a member name after '.', found {Describe(name)}.");
                }

                Advance();
                var plain = IsPlainPath(node);
                var path = plain ? PathOf(node) + "." + name.Text : _text[node.Position..name.End];
                node = Check(new MemberNode(token.Position, name.End, node, name.Text!, path, plain));
            }
            else if (token.Kind == TokenKind.LeftBracket)
            {
                Advance();
                Enter(token);
                var index = ParseConditional();
                var close = Expect(TokenKind.RightBracket, $"Expected ']' to close the '[' at position {token.Position}.", null);
                _depth--;
                var path = IsPlainPath(node) ? PathOf(node) + _text[token.Position..close.End] : _text[node.Position..close.End];
                node = Check(new IndexNode(token.Position, close.End, node, index, path));
            }
            else if (token.Kind == TokenKind.LeftParen)
            {
                throw Error(token.Position, "Only named functions can be called.", "write name(...)");
            }
            else
            {
                return node;
            }
        }
    }

    private static bool IsPlainPath(Node node) => node is IdentifierNode or MemberNode { IsPlainPath: true };

    private static string PathOf(Node node) => node is IdentifierNode identifier ? identifier.Name : ((MemberNode)node).Path;

    private ExpressionSyntaxException Trailing()
    {
        var token = Current;
        var hint = token switch
        {
            { Kind: TokenKind.Identifier, Text: "is" } => "use '==' or '!=' instead of 'is'",
            { Kind: TokenKind.Identifier, Text: "AND" or "OR" } => "operators are lower-case: 'and', 'or'",
            { Kind: TokenKind.RightParen } => "there is no '(' for this ')'",
            { Kind: TokenKind.Identifier or TokenKind.String or TokenKind.Number or TokenKind.LeftParen }
                => "join conditions with 'and' or 'or'",
            _ => null,
        };
        return Error(token.Position, $"Unexpected {Describe(token)} after a complete expression.", hint);
    }

    private Token Advance() => _tokens[_index++];

    private Token Peek(int offset) => _tokens[Math.Min(_index + offset, _tokens.Count - 1)];

    private Token Expect(TokenKind kind, string message, string? hint)
    {
        if (Current.Kind != kind)
        {
            throw Error(Current.Position, message + $" Found {Describe(Current)}.", hint);
        }

        return Advance();
    }

    private void Enter(Token token)
    {
        if (++_depth > _limits.MaxDepth)
        {
            throw TooDeep(token.Position);
        }
    }

    private Node Check(Node node) => node.Height > _limits.MaxDepth ? throw TooDeep(node.Position) : node;

    private ExpressionSyntaxException TooDeep(int position) =>
        Error(position, $"The expression nests more than {_limits.MaxDepth} levels deep (ExpressionLimits.MaxDepth).");

    private string Describe(Token token) => token.Kind switch
    {
        TokenKind.End => "the end of the expression",
        TokenKind.String => "a string",
        TokenKind.Number => $"the number {_text[token.Position..token.End]}",
        _ => $"'{_text[token.Position..token.End]}'",
    };

    private ExpressionSyntaxException Error(int position, string message, string? hint = null) => new(_text, position, message, hint);
}
