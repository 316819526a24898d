using AtlasGuard.Formats.GitHubActions;

namespace AtlasGuard.Detectors.Ci;

/// <summary>Recognises steps that publish a package or image, and workflows that make releases.</summary>
internal static class PublishSteps
{
    private static readonly string[] PublishActions =
    [
        "pypa/gh-action-pypi-publish", "docker/build-push-action", "softprops/action-gh-release", "ncipollo/release-action",
    ];

    private static readonly string[] PublishCommands =
    [
        "twine upload", "uv publish", "poetry publish", "hatch publish", "flit publish", "pdm publish", "maturin publish",
        "maturin upload", "npm publish", "docker push", "gh release create", "gh release upload", "huggingface-cli upload",
        "hf upload", "push_to_hub",
    ];

    /// <summary>Whether the step uploads a package, image, release or model somewhere others install it from.</summary>
    public static bool Publishes(ActionsStep step)
    {
        if (step.ActionName is { } name && PublishActions.Contains(name, StringComparer.Ordinal))
        {
            return name != "docker/build-push-action" || string.Equals(step.Input("push")?.Text.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        }

        return step.Run is { } run && PublishCommands.Any(c => run.Text.Contains(c, StringComparison.Ordinal));
    }

    /// <summary>Whether any job of the workflow publishes, or the workflow runs on releases.</summary>
    public static bool IsReleaseWorkflow(ActionsWorkflow workflow) =>
        workflow.HasTrigger("release") || workflow.Jobs.Any(j => j.Steps.Any(Publishes));
}
