using AtlasGuard.Core.Atlas;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Paths;
using AtlasGuard.ThreatModel.Tests.Evaluation;

namespace AtlasGuard.ThreatModel.Tests.Paths;

public class AttackPathTests
{
    private static ThreatModelResult Evaluate(string example, AttackPathOptions? options = null) =>
        ThreatModelEngine.Evaluate(Pipelines.Example(example), new ThreatEvaluationOptions { PathOptions = options ?? AttackPathOptions.Default });

    [Theory]
    [InlineData("ray-research-cluster")]
    [InlineData("fraud-partner-api")]
    [InlineData("shadowray")]
    public void Paths_climb_the_matrix_from_an_entry_point_to_an_impact(string example)
    {
        var model = Pipelines.Example(example);
        var result = ThreatModelEngine.Evaluate(model);
        var order = AtlasCatalog.Embedded.Tactics.ToDictionary(t => t.Id, t => t.Order);

        Assert.NotEmpty(result.Paths);
        foreach (var path in result.Paths)
        {
            Assert.InRange(path.Steps.Length, 2, AttackPathOptions.Default.MaxLength);
            Assert.Equal("AML.TA0011", path.Steps[^1].TacticId);
            Assert.True(path.Steps.Zip(path.Steps.Skip(1)).All(p => order[p.First.TacticId] < order[p.Second.TacticId]), path.Key);
            Assert.Equal(path.Steps.Length, path.Steps.Select(s => s.ThreatKey).Distinct().Count());
            var profile = model.FindProfile(path.AttackerId)!;
            var entry = model.FindComponent(path.Steps[0].ComponentId)!;
            Assert.True(entry.Exposure is Exposure.Internet or Exposure.Partner || profile.Access.Insider != "none" || !profile.Access.Supplier.IsDefaultOrEmpty);
            Assert.Equal(path.Steps.Sum(s => s.Risk), path.Risk);
        }

        Assert.Equal(result.Paths.OrderByDescending(p => p.Risk).Select(p => p.Risk), result.Paths.Select(p => p.Risk));
    }

    [Fact]
    public void Paths_follow_flows_between_components()
    {
        var model = Pipelines.Example("ray-research-cluster");
        var flows = model.Flows.Select(f => (f.From, f.To)).ToHashSet();

        foreach (var path in ThreatModelEngine.Evaluate(model).Paths)
        {
            foreach (var (a, b) in path.Steps.Zip(path.Steps.Skip(1)))
            {
                Assert.True(a.ComponentId == b.ComponentId || flows.Contains((a.ComponentId, b.ComponentId)), path.Key);
            }
        }
    }

    [Fact]
    public void Search_respects_its_bounds()
    {
        Assert.True(Evaluate("ray-research-cluster", new AttackPathOptions { MaxPaths = 3 }).Paths.Length <= 3);
        Assert.All(Evaluate("ray-research-cluster", new AttackPathOptions { MaxLength = 2 }).Paths, p => Assert.Equal(2, p.Steps.Length));
        Assert.Empty(Evaluate("ray-research-cluster", new AttackPathOptions { MaxExpansions = 0 }).Paths);
        Assert.All(Evaluate("ray-research-cluster", new AttackPathOptions { MaxCaseStudies = 1 }).Paths, p => Assert.True(p.SimilarCaseStudies.Length <= 1));
    }

    [Fact]
    public void Paths_are_deterministic()
    {
        var a = Evaluate("fraud-partner-api").Paths.Select(p => p.Key + p.Risk + string.Join(",", p.SimilarCaseStudies.Select(c => c.Id)));
        var b = Evaluate("fraud-partner-api").Paths.Select(p => p.Key + p.Risk + string.Join(",", p.SimilarCaseStudies.Select(c => c.Id)));

        Assert.Equal(a, b);
    }

    [Fact]
    public void Similar_case_studies_share_techniques_with_the_threats_of_the_path_most_first()
    {
        var result = Evaluate("shadowray");
        foreach (var path in result.Paths)
        {
            var techniques = path.Steps.SelectMany(s => result.Threats.Single(t => t.Key == s.ThreatKey).Techniques).ToHashSet();
            Assert.All(path.Steps, s => Assert.Contains(s.TechniqueId, techniques));
            Assert.All(path.SimilarCaseStudies, c => Assert.All(c.SharedTechniques, t => Assert.Contains(t, techniques)));
            Assert.Equal(path.SimilarCaseStudies.OrderByDescending(c => c.SharedTechniques.Length).Select(c => c.Id), path.SimilarCaseStudies.Select(c => c.Id));
        }
    }
}
