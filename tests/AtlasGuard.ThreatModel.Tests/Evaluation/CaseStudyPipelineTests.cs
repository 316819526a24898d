using AtlasGuard.Core.Atlas;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Rules;

namespace AtlasGuard.ThreatModel.Tests.Evaluation;

/// <summary>
/// Pipelines shaped like the victims of ATLAS case studies: every technique the attackers used that some rule can
/// apply to (the rules' coverage) must come out among the applicable threats.
/// </summary>
public class CaseStudyPipelineTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "shadowray", "AML.CS0023" },
        { "pytorch-dependency-chain", "AML.CS0015" },
        { "poisongpt", "AML.CS0019" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Techniques_the_case_study_used_appear_among_applicable_threats(string example, string caseStudy)
    {
        var catalog = AtlasCatalog.Embedded;
        var covered = RuleCoverage.Covered(ThreatRuleSet.Embedded, catalog);
        var used = catalog.FindCaseStudy(caseStudy)!.Steps.Select(s => s.TechniqueId).Distinct(StringComparer.Ordinal).ToList();
        var result = Pipelines.Evaluate(Pipelines.Example(example));
        var applicable = result.Threats.Where(t => t.Applicability == Applicability.Applies)
            .SelectMany(t => t.Techniques).ToHashSet(StringComparer.Ordinal);

        var expected = used.Where(covered.ContainsKey).ToList();
        var absent = expected.Where(t => !applicable.Contains(t)).ToList();

        Assert.True(expected.Count >= 3, $"{caseStudy}: the rules should cover most of the procedure, got {string.Join(", ", expected)}");
        Assert.True(absent.Count == 0, $"{caseStudy}: not among applicable threats: {string.Join(", ", absent)}");
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void ShadowRay_shaped_pipeline_has_a_path_from_the_exposed_head_that_matches_ShadowRay()
    {
        var result = Pipelines.Evaluate(Pipelines.Example("shadowray"));

        var path = result.Paths.First(p => p.AttackerId == "internet-scanner");

        Assert.Equal("ray-head", path.Steps[0].ComponentId);
        Assert.Equal("AML.TA0011", path.Steps[^1].TacticId);
        Assert.Equal("AML.CS0023", path.SimilarCaseStudies[0].Id);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_study_pipeline_is_a_precedent_of_some_applicable_threat(string example, string caseStudy)
    {
        var result = Pipelines.Evaluate(Pipelines.Example(example));

        Assert.Contains(result.Threats, t => t.Applicability == Applicability.Applies && t.Precedents.Contains(caseStudy));
    }
}
