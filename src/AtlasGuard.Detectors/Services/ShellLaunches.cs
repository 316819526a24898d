using AtlasGuard.Core.Services;
using AtlasGuard.Formats.Shell;

namespace AtlasGuard.Detectors.Services;

/// <summary>
/// Services a shell script starts: programs run on the machine itself (their bind address decides), containers
/// it runs with <c>docker run</c>, and <c>kubectl port-forward --address 0.0.0.0</c>. Variables the script exports
/// or assigns before a command are part of that command's environment.
/// </summary>
internal static class ShellLaunches
{
    public static IEnumerable<ServiceLaunch> Read(string text, MlopsServiceCatalog catalog, ServiceReporter reporter, CancellationToken cancellationToken)
    {
        var scriptEnv = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        foreach (var command in ShellLexer.Split(text, cancellationToken: cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var words = command.Words;
            if (Assignments(words, command.Line, scriptEnv))
            {
                continue;
            }

            if (DockerRun.IsRun(words, out var optionsAt))
            {
                if (DockerRun.Read(words, optionsAt, command.Line, catalog) is { } container)
                {
                    yield return container;
                }

                continue;
            }

            if (LaunchCommands.Program(words[0]) == "kubectl" && words.Contains("port-forward"))
            {
                if (PortForward(words, command.Line, catalog, reporter) is { } forwarded)
                {
                    yield return forwarded;
                }

                continue;
            }

            if (LaunchCommands.FindProduct(words, catalog) is not { } found)
            {
                continue;
            }

            var launch = new ServiceLaunch
            {
                Service = found.Service,
                Context = LaunchContext.Host,
                Where = $"the command on line {command.Line}",
                Line = command.Line,
                Words = found.Command.Words,
                CommandLine = command.Line,
            };
            foreach (var (name, (value, line)) in scriptEnv)
            {
                launch.Env[name] = (value, line);
            }

            foreach (var (name, value) in found.Command.Env)
            {
                launch.Env[name] = (value, command.Line);
            }

            yield return launch;
        }
    }

    // "export NAME=value", "NAME=value" on their own: remembered for the commands that follow.
    private static bool Assignments(IReadOnlyList<string> words, int line, Dictionary<string, (string, int)> env)
    {
        var declared = words[0] is "export" or "declare" or "local" or "readonly";
        var assigned = words.Skip(declared ? 1 : 0).Where(w => !w.StartsWith('-')).ToList();
        if (!declared && !assigned.All(w => w.IndexOf('=', StringComparison.Ordinal) > 0))
        {
            return false;
        }

        foreach (var word in assigned.Where(w => w.IndexOf('=', StringComparison.Ordinal) > 0))
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            env[word[..eq]] = (word[(eq + 1)..], line);
        }

        return true;
    }

    private static ServiceLaunch? PortForward(IReadOnlyList<string> words, int line, MlopsServiceCatalog catalog, ServiceReporter reporter)
    {
        var address = CommandFlags.Value(words, "--address");
        if (address is null || !address.Split(',').Any(Reachability.IsAllInterfaces))
        {
            return null;
        }

        var target = words.FirstOrDefault(w => w.StartsWith("svc/", StringComparison.Ordinal) || w.StartsWith("service/", StringComparison.Ordinal)) ?? string.Empty;
        if (target.Contains("istio-ingressgateway", StringComparison.Ordinal) || target.Contains("centraldashboard", StringComparison.Ordinal))
        {
            reporter.Report(ServiceRules.KubeflowGatewayExposed, line,
                $"kubectl port-forward --address {address} {target} opens the Kubeflow gateway on every interface of this machine: whoever reaches it gets the dashboard, notebooks and pipelines with the forwarding user's access.",
                "port-forward:" + line, $"kubectl port-forward --address {address} {target}");
            return null;
        }

        var name = target[(target.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var service = catalog.Services.FirstOrDefault(s => s.Ports.Length > 0 && name.StartsWith(s.Id, StringComparison.OrdinalIgnoreCase));
        if (service is null)
        {
            return null;
        }

        var launch = new ServiceLaunch { Service = service, Context = LaunchContext.Container, Where = $"kubectl port-forward of {target}", Line = line, CommandLine = line };
        var how = $"kubectl port-forward --address {address} listens on all interfaces of this machine";
        foreach (var spec in words.Where(w => w.Length > 0 && char.IsAsciiDigit(w[0]) || (w.StartsWith(':') && w.Length > 1)))
        {
            // "8265:8265", "8265" or ":8265": the last number is the service's port.
            if (int.TryParse(spec[(spec.LastIndexOf(':') + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var remote) && remote is > 0 and <= 65535)
            {
                launch.Open.Add(new OpenPort(remote, remote, how, line));
            }
        }

        return launch;
    }
}
