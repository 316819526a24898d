using AtlasGuard.Core.Findings;

namespace AtlasGuard.Detectors.Services;

/// <summary>Jupyter servers started from the command line: token and password, origin and XSRF checks.</summary>
internal static class JupyterChecks
{
    private static readonly string[] Apps = ["ServerApp", "NotebookApp", "LabApp", "IdentityProvider"];

    public static bool Check(ServiceLaunch launch, ServiceReporter reporter)
    {
        var port = launch.Service.DashboardPort ?? 8888;
        var reach = Reachability.Of(launch, port);
        var password = Apps.Select(a => launch.Flag($"--{a}.password")).FirstOrDefault(p => !string.IsNullOrEmpty(p?.Trim('"', '\'')));
        var emptyToken = Apps.Select(a => (Name: $"--{a}.token", Value: launch.Flag($"--{a}.token"))).FirstOrDefault(t => t.Value is not null && t.Value.Trim('"', '\'').Length == 0);
        var envEmpty = launch.Env.ContainsKey("JUPYTER_TOKEN") && string.IsNullOrEmpty(launch.EnvValue("JUPYTER_TOKEN"));
        var tokenOff = password is null && (emptyToken.Name is not null || envEmpty);
        if (tokenOff)
        {
            var how = emptyToken.Name is not null ? $"{emptyToken.Name}=''" : "JUPYTER_TOKEN=''";
            var line = emptyToken.Name is not null ? launch.FlagLine : launch.EnvLine("JUPYTER_TOKEN");
            if (reach is not null)
            {
                reporter.Report(ServiceRules.JupyterWithoutToken, reach.Line,
                    $"Jupyter ({launch.Where}) runs with an empty token and no password ({how}) and is reachable from other machines ({reach.How}): whoever reaches port {launch.PortOf(port)} gets a shell through the notebook terminals and kernels.",
                    launch.Where, how);
            }
            else
            {
                reporter.Report(ServiceRules.JupyterWithoutToken, line,
                    $"Jupyter ({launch.Where}) runs with an empty token and no password ({how}); it is not reachable from other machines here, but any local process or web page that reaches the port runs code.",
                    launch.Where, how, Severity.Low);
            }
        }
        else if (reach is not null)
        {
            var fact = password is not null ? "a password is set" : "the default token";
            reporter.Report(ServiceRules.ReachableWithAuthentication, reach.Line,
                $"Jupyter ({launch.Where}) is reachable from other machines ({reach.How}); authentication is on ({fact}).", "auth:" + launch.Where, reach.How);
        }

        foreach (var app in Apps)
        {
            if (launch.Flag($"--{app}.allow_origin") is { } origin && origin.Trim('"', '\'') == "*")
            {
                reporter.Report(ServiceRules.JupyterCrossSiteOpen, launch.FlagLine,
                    $"Jupyter ({launch.Where}) accepts requests from any web origin (--{app}.allow_origin='*'): any page the user opens can talk to the kernels.", "origin", $"--{app}.allow_origin=*");
            }

            if (launch.Flag($"--{app}.disable_check_xsrf") is { } xsrf && xsrf.Trim('"', '\'').Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                reporter.Report(ServiceRules.JupyterCrossSiteOpen, launch.FlagLine,
                    $"Jupyter ({launch.Where}) has XSRF checks off (--{app}.disable_check_xsrf=True): cross-site requests can run code.", "xsrf", $"--{app}.disable_check_xsrf=True");
            }
        }

        return true;
    }
}
