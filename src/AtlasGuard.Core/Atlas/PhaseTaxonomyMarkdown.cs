using System.Globalization;
using System.Text;
using AtlasGuard.Core.Findings;

namespace AtlasGuard.Core.Atlas;

/// <summary>Renders <see cref="PhaseTaxonomy"/> as the Markdown page <c>docs/phase-taxonomy.md</c>.</summary>
public static class PhaseTaxonomyMarkdown
{
    /// <summary>Renders the whole page; the output depends only on <paramref name="taxonomy"/>.</summary>
    public static string Render(PhaseTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        var md = new StringBuilder();
        md.Append("# MLOps phase taxonomy\n\n")
          .Append("<!-- Generated from src/AtlasGuard.Core/Atlas/Data/phase-taxonomy.json; do not edit by hand. ")
          .Append("Regenerate with `UPDATE_GOLDEN=1 ./test.sh`. -->\n\n")
          .Append("AtlasGuard places every technique of MITRE ATLAS ")
          .Append(taxonomy.AtlasVersion)
          .Append(" on one or more of eight MLOps phases and marks it user-level or system-level. The eight phases roll ")
          .Append("up to the three stages of the secure-MLOps survey (arXiv 2506.02032): Design/Setup, Model Development and ")
          .Append("Evaluation, and Operations. Technique ids and names are ATLAS facts; the phases, levels and one-line ")
          .Append("rationales are our own reading of where each technique hits an ML pipeline. A technique is also placed on ")
          .Append("evaluation when evaluation exercises it against the candidate model (robustness, privacy and red-team tests) ")
          .Append("or when evaluation endpoints and data are its target, and on monitoring when its traces show in telemetry, ")
          .Append("budgets or feedback loops; a technique that merely could be logged somewhere is not. ATLAS itself tags mitigations, ")
          .Append("not techniques, with lifecycle stages, so this map is ours to maintain: a test fails when a technique of the ")
          .Append("loaded catalog has no placement.\n\n");

        md.Append("## Phases\n\n")
          .Append("| phase | survey stage | what lives there | techniques | user-level | system-level |\n")
          .Append("| --- | --- | --- | ---: | ---: | ---: |\n");
        foreach (var phase in MlopsPhases.All)
        {
            var on = taxonomy.TechniquesOf(phase);
            md.Append(CultureInfo.InvariantCulture,
                $"| {phase.ToWireName()} | {phase.Stage().DisplayName()} | {Components(phase)} | {on.Length} | ");
            md.Append(CultureInfo.InvariantCulture,
                $"{on.Count(p => p.Level == TechniqueLevel.User)} | {on.Count(p => p.Level == TechniqueLevel.System)} |\n");
        }

        var all = taxonomy.Placements;
        md.Append(CultureInfo.InvariantCulture,
            $"\n{all.Length} techniques are placed ({all.Count(p => p.ParentId is null)} top-level, ");
        md.Append(CultureInfo.InvariantCulture,
            $"{all.Count(p => p.ParentId is not null)} sub-techniques); a technique on several phases is counted on each.\n\n");

        md.Append("## User-level and system-level\n\n")
          .Append("The survey sorts attack techniques into a user-level and a system-level group. The summary we work from ")
          .Append("names the two groups without a test for telling them apart, so we apply the split with these working ")
          .Append("definitions (they ship in the data file):\n\n");
        foreach (var level in new[] { TechniqueLevel.User, TechniqueLevel.System })
        {
            md.Append(CultureInfo.InvariantCulture,
                $"- **{level.DisplayName()}** ({taxonomy.TechniquesOf(level).Length} techniques): {taxonomy.Describe(level)}\n");
        }

        md.Append("\nPreparation techniques that happen off the victim's systems (reconnaissance, resource development) take ")
          .Append("the level of the surface they prepare for. Techniques that need a person to act (User Execution, Phishing, ")
          .Append("Impersonation) are user-level even when the payload is a model file or a package: the route in is a human ")
          .Append("decision, while the artefact itself is covered by the system-level supply-chain entries. Sub-techniques have their own entry; they may share or refine ")
          .Append("their parent's phases. A sub-technique id that a newer ATLAS release adds is answered with its parent's ")
          .Append("placement until it gets an entry of its own.\n");

        foreach (var phase in MlopsPhases.All)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n## {phase.ToWireName()} ({phase.Stage().DisplayName()})\n\n")
              .Append("| technique | name | level | also on | rationale |\n")
              .Append("| --- | --- | --- | --- | --- |\n");
            foreach (var p in taxonomy.TechniquesOf(phase))
            {
                var others = string.Join(", ", p.Phases.Where(x => x != phase).Select(x => x.ToWireName()));
                md.Append(CultureInfo.InvariantCulture,
                    $"| {p.TechniqueId} | {Cell(p.Name)} | {p.Level.ToWireName()} | {(others.Length == 0 ? "-" : others)} | {Cell(p.Rationale)} |\n");
            }
        }

        return md.ToString();
    }

    private static string Components(MlopsPhase phase) => phase switch
    {
        MlopsPhase.Planning => "requirements, threat models, AI-BOMs, the design of who may access what",
        MlopsPhase.Data => "data sources, labelling, feature stores, data lakes, retrieval corpora",
        MlopsPhase.Development => "notebooks, ML code, third-party packages, pretrained base models, agent code",
        MlopsPhase.Training => "training compute, orchestrators such as Ray or Kubeflow, checkpoints",
        MlopsPhase.Evaluation => "experiment tracking such as MLflow, evaluation sets, red-team harnesses",
        MlopsPhase.Deployment => "model and container registries, CI/CD, packaging",
        MlopsPhase.Serving => "inference and LLM endpoints, RAG stores, agents and their tools",
        MlopsPhase.Monitoring => "telemetry, drift detection, feedback loops, retraining triggers",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Unknown phase."),
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
