using AtlasGuard.Formats.Python;

namespace AtlasGuard.Detectors.Code;

/// <summary>
/// Checks of attribute assignments: TLS verification turned off on a client or context (<c>session.verify = False</c>,
/// <c>ctx.check_hostname = False</c>, <c>ctx.verify_mode = ssl.CERT_NONE</c>; AG-COD-015), and Jupyter server settings in
/// <c>jupyter_*_config.py</c> files (<c>c.ServerApp.token = ''</c> and friends; AG-SVC-105 to 107).
/// </summary>
internal static class SettingAssignmentCheck
{
    private static readonly string[] JupyterApps = ["c.ServerApp.", "c.NotebookApp.", "c.IdentityProvider.", "c.LabApp.", "c.PasswordIdentityProvider.", "c.LabServerApp."];

    public static void Check(PythonModule module, List<CodeHit> hits)
    {
        PythonAssignment? emptyToken = null;
        var hasPassword = false;
        foreach (var a in module.Assignments)
        {
            var dot = a.Target.LastIndexOf('.');
            if (dot < 0)
            {
                continue;
            }

            var setting = a.Target[(dot + 1)..];
            if (setting is "verify" && a.Value.IsLiteral("False") || setting is "check_hostname" && a.Value.IsLiteral("False")
                || setting is "verify_mode" && a.Value.Value is "ssl.CERT_NONE" or "CERT_NONE")
            {
                var tls = Evidence(module, a);
                hits.Add(new CodeHit(CodeRules.TlsVerificationDisabled, a.Line, 1, $"{tls} turns off certificate checks.", tls));
            }

            if (!JupyterApps.Any(p => a.Target.StartsWith(p, StringComparison.Ordinal)))
            {
                continue;
            }

            var evidence = Evidence(module, a);
            switch (setting)
            {
                case "token" when a.Value.IsLiteral(string.Empty):
                    emptyToken = a;
                    break;
                case "password" or "hashed_password" when !a.Value.IsLiteral(string.Empty) && !a.Value.IsLiteral("None"):
                    hasPassword = true;
                    break;
                case "ip" when a.Value.Kind == PythonValueKind.Literal && a.Value.Value is "0.0.0.0" or "*" or "::" or "":
                    hits.Add(new CodeHit(CodeRules.JupyterAllInterfaces, a.Line, 1, $"The Jupyter server listens on all interfaces ({evidence}).", evidence));
                    break;
                case "allow_origin" when a.Value.IsLiteral("*"):
                case "allow_origin_pat" when a.Value.IsLiteral(".*"):
                case "disable_check_xsrf" when a.Value.IsLiteral("True"):
                    hits.Add(new CodeHit(CodeRules.JupyterCrossOrigin, a.Line, 1, $"Any web page may send requests to the Jupyter server ({evidence}).", evidence));
                    break;
            }
        }

        if (emptyToken is not null && !hasPassword)
        {
            var evidence = $"{emptyToken.Target} = ''";
            hits.Add(new CodeHit(CodeRules.JupyterNoAuthentication, emptyToken.Line, 1,
                $"The Jupyter server runs without token or password ({evidence}): anyone who reaches it can run code.", evidence));
        }
    }

    private static string Evidence(PythonModule module, PythonAssignment a) => $"{a.Target} = {CodeText.Snippet(module.Tokens, a.Start, a.End)}";
}
