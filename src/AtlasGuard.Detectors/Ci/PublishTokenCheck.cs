using AtlasGuard.Core.Findings;

namespace AtlasGuard.Detectors.Ci;

/// <summary>
/// AG-CI-005: a package published with a long-lived token (a PyPI API token as <c>password:</c> of
/// pypa/gh-action-pypi-publish, <c>TWINE_PASSWORD</c>, <c>twine upload -p</c>, <c>UV_PUBLISH_TOKEN</c>, Poetry's
/// <c>POETRY_PYPI_TOKEN_*</c>) instead of trusted publishing, where PyPI trusts a short-lived OIDC token of this exact
/// workflow. A stolen API token keeps working anywhere: two of the four malicious Ultralytics releases were uploaded
/// with one. Model uploads with a Hugging Face token are reported at low severity (the Hub has no trusted publishing;
/// scope the token to the repository).
/// </summary>
internal static class PublishTokenCheck
{
    private static readonly string[] TokenVariables = ["TWINE_PASSWORD", "UV_PUBLISH_TOKEN", "UV_PUBLISH_PASSWORD", "POETRY_PYPI_TOKEN_", "FLIT_PASSWORD", "HATCH_INDEX_AUTH", "PDM_PUBLISH_PASSWORD", "MATURIN_PYPI_TOKEN", "MATURIN_PASSWORD"];

    private static readonly string[] PythonUploads = ["twine upload", "uv publish", "poetry publish", "hatch publish", "flit publish", "pdm publish", "maturin publish", "maturin upload"];

    private static readonly string[] TokenFlags = [" -p ", " --password", " --token", " -u __token__"];

    private static readonly string[] HubUploads = ["huggingface-cli upload", "hf upload", "push_to_hub", "upload_folder", "upload_file"];

    private static readonly string[] HubTokens = ["HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HUGGINGFACE_TOKEN", "HF_API_TOKEN"];

    public static void Run(WorkflowScan scan)
    {
        foreach (var job in scan.Workflow.Jobs)
        {
            scan.CancellationToken.ThrowIfCancellationRequested();
            foreach (var step in job.Steps)
            {
                if (step.ActionName == "pypa/gh-action-pypi-publish" && step.Input("password") is { } password)
                {
                    scan.Report(CiRules.LongLivedPublishToken, password.Line,
                        $"Job '{job.Id}' uploads to the package index with an API token (password: of pypa/gh-action-pypi-publish) instead of trusted publishing.",
                        $"{job.Id}/{step.Index}", "password: " + WorkflowScan.Short(password.Text));
                    continue;
                }

                if (step.Run is not { } run)
                {
                    continue;
                }

                var env = scan.Workflow.Env.Concat(job.Env).Concat(step.Env).ToList();
                if (PythonUploads.Any(c => run.Text.Contains(c, StringComparison.Ordinal)))
                {
                    var variable = env.FirstOrDefault(e => TokenVariables.Any(v => e.Text.StartsWith(v, StringComparison.Ordinal)));
                    var flag = TokenFlags.FirstOrDefault(f => run.Text.Contains(f, StringComparison.Ordinal));
                    if (variable.Text is not null || flag is not null)
                    {
                        var evidence = variable.Text is not null ? variable.Text[..variable.Text.IndexOf('=', StringComparison.Ordinal)] : flag!.Trim();
                        scan.Report(CiRules.LongLivedPublishToken, variable.Line > 0 ? variable.Line : run.FirstLine,
                            $"Job '{job.Id}' uploads to the package index with a long-lived token ({evidence}) instead of trusted publishing.",
                            $"{job.Id}/{step.Index}", evidence);
                    }
                }
                else if (HubUploads.Any(h => run.Text.Contains(h, StringComparison.Ordinal))
                    && env.FirstOrDefault(e => HubTokens.Any(t => e.Text.StartsWith(t + "=", StringComparison.Ordinal))) is { Text: not null } hub)
                {
                    var name = hub.Text[..hub.Text.IndexOf('=', StringComparison.Ordinal)];
                    scan.Report(CiRules.LongLivedPublishToken, hub.Line,
                        $"Job '{job.Id}' uploads to the Hugging Face Hub with a long-lived token ({name}); scope it to this repository with write access only, and keep it in an environment with required reviewers.",
                        $"{job.Id}/{step.Index}", name, Severity.Low);
                }
            }
        }
    }
}
