using AtlasGuard.ThreatModel.Expressions.Functions;
using AtlasGuard.ThreatModel.Expressions.Nodes;

namespace AtlasGuard.ThreatModel.Expressions.Parsing;

/// <summary>
/// Recursive descent, one method per precedence level, lowest first: conditional, or, and, not, comparison, unary minus,
/// postfix (member, index, call), primary. Every recursion passes through <see cref="Enter"/>, and every node's height
/// is checked, so neither the parser nor the evaluator can recurse deeper than <see cref="ExpressionLimits.MaxDepth"/>.
/// </summary>
internal sealed partial class Parser
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly ExpressionLimits _limits;
    private int _index;
    private int _depth;

    private Parser(string text, List<Token> tokens, ExpressionLimits limits)
    {
        _text = text;
        _tokens = tokens;
        _limits = limits;
    }

    private Token Current => _tokens[_index];

    public static Node Parse(string text, ExpressionLimits limits)
    {
        if (text.Length > limits.MaxLength)
        {
            throw new ExpressionSyntaxException(
                text, limits.MaxLength, $"The expression is {text.Length} characters long; the limit is {limits.MaxLength}.");
        }

        var parser = new Parser(text, Lexer.Tokenize(text), limits);
        if (parser.Current.Kind == TokenKind.End)
        {
            throw new ExpressionSyntaxException(text, 0, "The expression is empty.");
        }

        var root = parser.ParseConditional();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw parser.Trailing();
        }

        return root;
    }

    private Node ParseConditional()
    {
        var condition = ParseOr();
        if (Current.Kind != TokenKind.Question)
        {
            return condition;
        }

        var question = Advance();
        Enter(question);
        var then = ParseConditional();
        Expect(TokenKind.Colon, $"Expected ':' for the '?' at position {question.Position}.", "write c ? a : b");
        var otherwise = ParseConditional();
        _depth--;
        return Check(new ConditionalNode(condition.Position, otherwise.End, condition, then, otherwise));
    }

    private Node ParseOr() => ParseChain(TokenKind.Or, isAnd: false);

    private Node ParseAnd() => ParseChain(TokenKind.And, isAnd: true);

    private Node ParseChain(TokenKind kind, bool isAnd)
    {
        var first = isAnd ? ParseNot() : ParseAnd();
        if (Current.Kind != kind)
        {
            return first;
        }

        var operands = new List<Node> { first };
        while (Current.Kind == kind)
        {
            Advance();
            operands.Add(isAnd ? ParseNot() : ParseAnd());
        }

        return Check(new LogicNode(first.Position, operands[^1].End, isAnd, [.. operands]));
    }

    private Node ParseNot()
    {
        if (Current.Kind != TokenKind.Not)
        {
            return ParseComparison();
        }

        var not = Advance();
        if (Current.Kind == TokenKind.In)
        {
            throw Error(not.Position, "'not in' needs a value on its left.", "write x not in [...]");
        }

        Enter(not);
        var operand = ParseNot();
        _depth--;
        return Check(new NotNode(not.Position, operand.End, operand));
    }

    private Node ParseComparison()
    {
        var left = ParseUnary();
        if (!TryComparisonOperator(out var op, out var negatedIn, out var opToken))
        {
            return left;
        }

        var right = ParseUnary();
        Node node = op is null
            ? new InNode(opToken.Position, right.End, negatedIn, left, right)
            : new CompareNode(opToken.Position, right.End, op.Value, left, right);
        if (TryComparisonOperator(out _, out _, out var second))
        {
            throw Error(second.Position, "Comparisons do not chain.", "join them with 'and': a < b and b < c");
        }

        return Check(node);
    }

    /// <summary>Consumes a comparison operator if there is one; <paramref name="op"/> is null for <c>in</c> and <c>not in</c>.</summary>
    private bool TryComparisonOperator(out CompareOperator? op, out bool negatedIn, out Token token)
    {
        token = Current;
        negatedIn = false;
        op = token.Kind switch
        {
            TokenKind.Equal => CompareOperator.Equal,
            TokenKind.NotEqual => CompareOperator.NotEqual,
            TokenKind.Less => CompareOperator.Less,
            TokenKind.LessOrEqual => CompareOperator.LessOrEqual,
            TokenKind.Greater => CompareOperator.Greater,
            TokenKind.GreaterOrEqual => CompareOperator.GreaterOrEqual,
            _ => null,
        };
        if (op is not null || token.Kind == TokenKind.In)
        {
            Advance();
            return true;
        }

        if (token.Kind == TokenKind.Not && Peek(1).Kind == TokenKind.In)
        {
            Advance();
            Advance();
            negatedIn = true;
            return true;
        }

        return false;
    }

    private Node ParseUnary()
    {
        if (Current.Kind != TokenKind.Minus)
        {
            return ParsePostfix(ParsePrimary());
        }

        var minus = Advance();
        Enter(minus);
        var operand = ParseUnary();
        _depth--;
        if (operand is LiteralNode { Value.Kind: ExprValueKind.Number } literal)
        {
            return new LiteralNode(minus.Position, literal.End, ExprValue.Number(-literal.Value.AsNumber()));
        }

        return Check(new NegateNode(minus.Position, operand.End, operand));
    }

    private Node ParseCall(Token name)
    {
        var open = Advance();
        Enter(open);
        var arguments = ParseItems(TokenKind.RightParen, open, _limits.MaxArguments, "arguments");
        var close = Advance();
        _depth--;
        BuiltinFunctions.All.TryGetValue(name.Text!, out var builtin);
        return Check(new CallNode(name.Position, close.End, name.Text!, arguments, builtin));
    }

    private Node ParseList()
    {
        var open = Advance();
        Enter(open);
        var items = ParseItems(TokenKind.RightBracket, open, _limits.MaxListItems, "items");
        var close = Advance();
        _depth--;
        if (items.All(item => item is LiteralNode))
        {
            var values = items.Select(item => ((LiteralNode)item).Value).ToArray();
            return new LiteralNode(open.Position, close.End, ExprValue.List(values));
        }

        return Check(new ListNode(open.Position, close.End, items));
    }

    /// <summary>Comma-separated expressions up to (not past) <paramref name="close"/>; a trailing comma is allowed.</summary>
    private Node[] ParseItems(TokenKind close, Token open, int max, string what)
    {
        var items = new List<Node>();
        while (Current.Kind != close)
        {
            if (items.Count == max)
            {
                throw Error(Current.Position, $"More than {max} {what} (ExpressionLimits).");
            }

            items.Add(ParseConditional());
            if (Current.Kind == TokenKind.Comma)
            {
                Advance();
            }
            else if (Current.Kind != close)
            {
                var closeText = close == TokenKind.RightParen ? ")" : "]";
                throw Current.Kind == TokenKind.End
                    ? Error(open.Position, $"'{_text[open.Position]}' is never closed.", $"add '{closeText}'")
                    : Error(Current.Position, $"Expected ',' or '{closeText}', found {Describe(Current)}.");
            }
        }

        return [.. items];
    }
}
