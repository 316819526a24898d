using AtlasGuard.ThreatModel.Expressions.Nodes;

namespace AtlasGuard.ThreatModel.Expressions;

/// <summary>Walks a parsed tree once, after parsing, to list the paths it reads and the functions it calls.</summary>
internal sealed class ReferenceCollector
{
    private readonly List<PathReference> _paths = [];
    private readonly List<FunctionReference> _functions = [];

    public static (PathReference[] Paths, FunctionReference[] Functions) Collect(Node root)
    {
        var collector = new ReferenceCollector();
        collector.Visit(root);
        return ([.. collector._paths], [.. collector._functions]);
    }

    private void Visit(Node node)
    {
        switch (node)
        {
            case IdentifierNode identifier:
                _paths.Add(new PathReference(identifier.Name, identifier.Position));
                return;
            case MemberNode { IsPlainPath: true } member:
                _paths.Add(new PathReference(member.Path, RootOf(member).Position));
                return;
            case CallNode call:
                _functions.Add(new FunctionReference(call.Name, call.Children.Count, call.Position, call.Builtin is not null));
                break;
        }

        foreach (var child in node.Children)
        {
            Visit(child);
        }
    }

    private static Node RootOf(MemberNode member)
    {
        Node node = member;
        while (node is MemberNode inner)
        {
            node = inner.Target;
        }

        return node;
    }
}
