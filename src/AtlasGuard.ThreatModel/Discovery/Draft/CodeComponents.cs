namespace AtlasGuard.ThreatModel.Discovery.Draft;

/// <summary>
/// The repository's own ML code: training scripts become a <c>training</c> component, and the ML dependencies'
/// pinning and package source go onto the notebook and training components.
/// </summary>
internal static class CodeComponents
{
    private const int MaxEvidence = 20;

    private static readonly string[] TrainPrefixes = ["train", "finetune", "fine_tune", "pretrain"];

    public static bool IsTrainingScript(string fileName)
    {
        var name = fileName.ToLowerInvariant();
        return name.EndsWith(".py", StringComparison.Ordinal)
            && (TrainPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)) || name.EndsWith("_train.py", StringComparison.Ordinal));
    }

    public static void Finish(DraftDocument draft, List<string> trainingScripts)
    {
        if (trainingScripts.Count > 0)
        {
            var training = draft.AddComponent("training", "training_compute", "training code");
            training.FromRepositoryCode = true;
            foreach (var script in trainingScripts.Order(StringComparer.Ordinal).Take(MaxEvidence))
            {
                training.AddEvidence(script, 0, "training script");
            }

            training.Todos.Add("The files show training code, not where it runs: set platform (kubernetes, slurm, ray, managed, vm).");
        }

        var deps = draft.Dependencies;
        if (deps.Pinning is null)
        {
            return;
        }

        var targets = draft.Components.Where(c => c.FromRepositoryCode).ToList();
        var services = draft.Components.Where(c => c.Type is "notebook_env" or "training_compute").ToList();
        if (targets.Count == 0 && services.Count > 0)
        {
            // The environment of a service comes from its image, which the dependency files need not describe.
            foreach (var service in services.Where(s => !s.Props.ContainsKey("pinning")))
            {
                service.Todos.Add($"The repository's dependency files pin its ML libraries as '{deps.Pinning}'; set pinning to that if this environment installs them.");
            }

            return;
        }

        if (targets.Count == 0)
        {
            var code = draft.AddComponent("ml-code", "training_compute", "ML code in the repository");
            code.FromRepositoryCode = true;
            code.Todos.Add("The dependency files show ML libraries but no training script or notebook: say where this code runs, or remove this component.");
            targets.Add(code);
        }

        var publicIndex = !deps.Evidence.Any(e => e.Fact.StartsWith("--index-url", StringComparison.Ordinal));
        var where = deps.Evidence.Where(e => e.Fact.Contains("not pinned", StringComparison.Ordinal)).Select(e => $"{e.Path}:{e.Line}").FirstOrDefault()
            ?? $"{deps.Evidence[0].Path}:{deps.Evidence[0].Line}";
        foreach (var component in targets)
        {
            if (!component.Props.ContainsKey("pinning"))
            {
                component.Set("pinning", deps.Pinning, $"weakest pinning of the ML libraries ({where})");
            }

            if (publicIndex && component.Type == "training_compute" && !component.Props.ContainsKey("pulls_public_packages"))
            {
                component.Set("pulls_public_packages", true, "the dependency files name no private index");
            }

            if (publicIndex && component.Type == "notebook_env" && !component.Props.ContainsKey("package_sources"))
            {
                component.Set("package_sources", "public_index", "the dependency files name no private index");
            }

            foreach (var (path, line, fact) in deps.Evidence.Take(MaxEvidence))
            {
                component.AddEvidence(path, line, fact);
            }
        }
    }
}
