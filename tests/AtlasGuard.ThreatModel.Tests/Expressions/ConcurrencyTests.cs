using AtlasGuard.ThreatModel.Expressions;

namespace AtlasGuard.ThreatModel.Tests.Expressions;

public sealed class ConcurrencyTests
{
    [Fact]
    public void One_parsed_expression_gives_each_thread_its_own_answer()
    {
        // 8 threads x 2,000 evaluations of one shared expression, each against its own data; any state kept in the tree
        // between evaluations (paths, step counts, list buffers) would mix the answers up.
        var expression = Expression.Parse(
            "p.kind in ['a', 'b'] and [p.n, 'x'][0] == p.n and (p.flag or has(p.other)) ? p.n : coalesce(p.other, -1)");
        var contexts = Enumerable.Range(0, 8).Select(i => Eval.Context(i switch
        {
            0 => """{"p": {"kind": "a", "n": 0, "flag": true}}""",
            1 => """{"p": {"kind": "c", "n": 1, "flag": true}}""",
            2 => """{"p": {"kind": "b", "n": 2, "flag": false, "other": 7}}""",
            3 => """{"p": {"n": 3, "flag": true}}""",
            _ => $$$"""{"p": {"kind": "b", "n": {{{i}}}, "flag": false}}""",
        })).ToArray();
        var expected = contexts.Select(c => expression.Evaluate(c).ToString()).ToArray();
        Assert.Equal(["0", "-1", "2", "unknown (p.kind)", "-1"], expected.Take(5));

        var failures = 0;
        Parallel.For(0, contexts.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            for (var round = 0; round < 2_000; round++)
            {
                if (expression.Evaluate(contexts[i]).ToString() != expected[i])
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });

        Assert.Equal(0, failures);
    }

    [Fact]
    public void Threads_can_share_one_lazily_read_json_tree()
    {
        // Each thread reads different members first, so the lazy parts of the tree are first touched concurrently.
        var members = string.Join(",", Enumerable.Range(0, 64).Select(i => $$$"""
            "m{{{i}}}": {"items": [{{{i}}}, "x{{{i}}}"]}
            """));
        var expressions = Enumerable.Range(0, 64)
            .Select(i => Expression.Parse($"{i} in p.m{i}.items and 'x{i}' in p.m{i}.items and len(p) == 64"))
            .ToArray();
        for (var round = 0; round < 20; round++)
        {
            var context = Eval.Context($$$"""{"p": {{{{members}}}}}""");
            var failures = 0;
            Parallel.For(0, 64, i =>
            {
                if (!expressions[(i + round) % 64].Evaluate(context).IsTrue)
                {
                    Interlocked.Increment(ref failures);
                }
            });

            Assert.Equal(0, failures);
        }
    }

    [Fact]
    public void The_step_budget_is_per_evaluation()
    {
        var expression = Expression.Parse("1 == 1", new ExpressionLimits { MaxSteps = 3 });
        var context = Eval.Context();

        for (var i = 0; i < 100; i++)
        {
            Assert.True(expression.Evaluate(context).IsTrue);
        }
    }
}
